// Parser core: token access, glued operators, markers, errors, delimiter matching,
// the depth limit, conversion of the postorder node list into the preorder tree,
// and the public parse() entry point.
#include "syntax/parser.h"

#include <algorithm>

#include "syntax/depth_cut.h"
#include "syntax/lexer.h"

namespace ferret::syntax {
namespace detail {

namespace {

struct OpSpelling {
  TokenKind k[3];
  int n;
};

constexpr OpSpelling op_spelling(Op op) {
  using K = TokenKind;
  switch (op) {
    case Op::ColonColon: return {{K::Colon, K::Colon}, 2};
    case Op::Arrow: return {{K::Minus, K::Gt}, 2};
    case Op::FatArrow: return {{K::Eq, K::Gt}, 2};
    case Op::EqEq: return {{K::Eq, K::Eq}, 2};
    case Op::NotEq: return {{K::Bang, K::Eq}, 2};
    case Op::LtEq: return {{K::Lt, K::Eq}, 2};
    case Op::GtEq: return {{K::Gt, K::Eq}, 2};
    case Op::AndAnd: return {{K::Amp, K::Amp}, 2};
    case Op::OrOr: return {{K::Pipe, K::Pipe}, 2};
    case Op::Shl: return {{K::Lt, K::Lt}, 2};
    case Op::Shr: return {{K::Gt, K::Gt}, 2};
    case Op::PlusEq: return {{K::Plus, K::Eq}, 2};
    case Op::MinusEq: return {{K::Minus, K::Eq}, 2};
    case Op::StarEq: return {{K::Star, K::Eq}, 2};
    case Op::SlashEq: return {{K::Slash, K::Eq}, 2};
    case Op::PercentEq: return {{K::Percent, K::Eq}, 2};
    case Op::CaretEq: return {{K::Caret, K::Eq}, 2};
    case Op::AndEq: return {{K::Amp, K::Eq}, 2};
    case Op::OrEq: return {{K::Pipe, K::Eq}, 2};
    case Op::ShlEq: return {{K::Lt, K::Lt, K::Eq}, 3};
    case Op::ShrEq: return {{K::Gt, K::Gt, K::Eq}, 3};
    case Op::DotDot: return {{K::Dot, K::Dot}, 2};
    case Op::DotDotDot: return {{K::Dot, K::Dot, K::Dot}, 3};
    case Op::DotDotEq: return {{K::Dot, K::Dot, K::Eq}, 3};
  }
  return {{K::Eof}, 1};
}

int delim_slot(TokenKind k) {
  switch (k) {
    case TokenKind::LParen:
    case TokenKind::RParen: return 0;
    case TokenKind::LBracket:
    case TokenKind::RBracket: return 1;
    case TokenKind::LBrace:
    case TokenKind::RBrace: return 2;
    default: return -1;
  }
}

bool is_open(TokenKind k) {
  return k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace;
}
bool is_close(TokenKind k) {
  return k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace;
}

}  // namespace

Parser::Parser(std::string_view text, std::vector<Token> tokens, const ParseOptions& options)
    : text_(text), toks_(std::move(tokens)), opts_(options) {
  init_tokens();
  out_.reserve(toks_.size() / (opts_.skeleton ? 4 : 2) + 16);
  compute_partners();
}

Parser::Parser(std::string_view text, std::vector<Token> tokens, const ParseOptions& options,
               DelimitedSpan span)
    : text_(text), toks_(std::move(tokens)), opts_(options) {
  init_tokens();
  span.end = std::min(span.end, limit_);
  out_.reserve((span.end - std::min(span.begin, span.end)) / 2 + 16);
  balanced_ = match_delimiters(false, std::min(span.begin, span.end), span.end);
}

void Parser::init_tokens() {
  if (toks_.empty() || toks_.back().kind != TokenKind::Eof) {
    toks_.push_back(Token{static_cast<uint32_t>(text_.size()), 0, TokenKind::Eof, 0});
  }
  limit_ = static_cast<uint32_t>(toks_.size() - 1);
}

// Pairs every opening delimiter with its closing one. A closer that does not match the
// innermost open group but matches an outer one closes the groups in between (they are
// unclosed); a closer that matches no open group stays unpaired. An unclosed opener's
// partner is the token where its contents end (the closer that popped it, or Eof).
//
// When that leaves the file unbalanced (code being typed), a second pass uses the
// indentation rustfmt gives: an item keyword (`fn`, `pub`, `impl`, `#[`, `///`…) that
// starts a line at or left of the line that opened a group ends that group, and a
// closer that starts a line closes the open group whose line has the same indentation.
// Macro token trees are free-form, so the item rule does not apply inside them.
// So `fn f(` or a missing `}` no longer swallows the items after it. Balanced files (all
// valid code) are never subject to the heuristic, nor are files whose lines are not
// indented inside their groups (generated code).
void Parser::compute_partners() {
  const uint32_t all = static_cast<uint32_t>(toks_.size());
  balanced_ = match_delimiters(false, 0, all);
  if (!balanced_ && indentation_is_informative_) match_delimiters(true, 0, all);
}

namespace {

bool starts_item_line(const Token& t, std::string_view text) {
  switch (t.kind) {
    case TokenKind::KwFn:
    case TokenKind::KwPub:
    case TokenKind::KwImpl:
    case TokenKind::KwStruct:
    case TokenKind::KwEnum:
    case TokenKind::KwTrait:
    case TokenKind::KwMod:
    case TokenKind::KwUse:
    case TokenKind::KwType:
    case TokenKind::KwStatic:
    case TokenKind::KwConst:
    case TokenKind::KwExtern:
    case TokenKind::KwUnsafe:
    case TokenKind::KwAsync:
    case TokenKind::OuterDoc:
    case TokenKind::InnerDoc:
    case TokenKind::Pound: return true;
    case TokenKind::Ident: {
      std::string_view s = text.substr(t.start, t.len);
      return s == "macro_rules" || s == "union";
    }
    default: return false;
  }
}

}  // namespace

bool Parser::match_delimiters(bool use_indentation, uint32_t begin, uint32_t end) {
  partner_.assign(toks_.size(), kNoPartner);
  unclosed_.assign(toks_.size(), 0);
  struct Open {
    uint32_t token;
    uint32_t ref_indent;  // indentation of the line where the enclosing statement began
    bool in_macro;        // a macro call's token tree (or inside one): free-form
  };
  std::vector<Open> stack;
  // Indentation of the line where the current statement began, per nesting level: a line
  // starting after `;`, `{`, `}`, `(` or `[` starts one (a `,` does not: where clauses).
  std::vector<uint32_t> stmt_indent{0};
  int open_count[3] = {0, 0, 0};
  bool balanced = true;
  uint32_t line_indent = 0;
  auto close_unclosed = [&](uint32_t at) {
    Open o = stack.back();
    stack.pop_back();
    stmt_indent.pop_back();
    --open_count[delim_slot(toks_[o.token].kind)];
    partner_[o.token] = at;
    unclosed_[o.token] = 1;
    balanced = false;
  };
  uint32_t prev_end = begin > 0 ? toks_[begin - 1].end() : 0;
  size_t lines_in_groups = 0, indented_lines = 0;
  for (uint32_t i = begin; i < end; ++i) {
    const Token& t = toks_[i];
    TokenKind k = t.kind;
    // Is this the first token on its line? Then its column is the line's indentation.
    bool line_start = i == 0;
    if (i == 0) line_indent = t.start;
    for (uint32_t c = t.start; c > prev_end;) {
      if (text_[--c] == '\n') {
        line_start = true;
        line_indent = t.start - c - 1;
        break;
      }
    }
    prev_end = t.end();
    // A line right after a `{` that ended the previous line: is it indented deeper?
    if (line_start && i > 0 && toks_[i - 1].kind == TokenKind::LBrace && !stack.empty() &&
        !is_close(k) && k != TokenKind::Eof) {
      ++lines_in_groups;
      if (line_indent > stack.back().ref_indent) ++indented_lines;
    }
    if (use_indentation && line_start && !stack.empty() && !stack.back().in_macro) {
      if (starts_item_line(t, text_)) {
        while (!stack.empty() && !stack.back().in_macro && stack.back().ref_indent >= line_indent) {
          close_unclosed(i);
        }
      } else if (is_close(k)) {
        // Close the innermost open group of this kind whose statement has this indentation.
        for (size_t j = stack.size(); j-- > 0 && !stack[j].in_macro;) {
          if (delim_slot(toks_[stack[j].token].kind) == delim_slot(k) &&
              stack[j].ref_indent == line_indent) {
            while (stack.size() > j + 1) close_unclosed(i);
            break;
          }
          if (stack[j].ref_indent < line_indent) break;
        }
      }
    }
    if (line_start) {
      TokenKind prev = i > 0 ? toks_[i - 1].kind : TokenKind::Semi;
      if (prev == TokenKind::Semi || prev == TokenKind::LBrace || prev == TokenKind::RBrace ||
          prev == TokenKind::LParen || prev == TokenKind::LBracket || i == 0) {
        stmt_indent.back() = line_indent;
      }
    }
    if (k == TokenKind::Eof) {
      while (!stack.empty()) close_unclosed(i);
    } else if (is_open(k)) {
      bool in_macro = (!stack.empty() && stack.back().in_macro) ||
                      (i > 0 && toks_[i - 1].kind == TokenKind::Bang) ||
                      (i > 1 && toks_[i - 2].kind == TokenKind::Bang &&
                       toks_[i - 1].kind == TokenKind::Ident);  // macro_rules! name {
      stack.push_back({i, stmt_indent.back(), in_macro});
      stmt_indent.push_back(stmt_indent.back());
      ++open_count[delim_slot(k)];
    } else if (is_close(k)) {
      int slot = delim_slot(k);
      if (open_count[slot] == 0) {  // stray closer
        balanced = false;
        continue;
      }
      while (delim_slot(toks_[stack.back().token].kind) != slot) close_unclosed(i);
      uint32_t o = stack.back().token;
      stack.pop_back();
      stmt_indent.pop_back();
      --open_count[slot];
      partner_[o] = i;
      partner_[i] = o;
    }
  }
  while (!stack.empty()) close_unclosed(end);  // a span that ends inside a group
  // Trust indentation when at least 90% of the lines that follow a line-ending `{` are
  // indented deeper than the statement that opened it (rustfmt'ed code: all of them).
  indentation_is_informative_ = indented_lines * 10 >= lines_in_groups * 9;
  return balanced;
}

bool Parser::nth_contextual(uint32_t n, std::string_view kw) const {
  uint32_t i = pos_ + n;
  return kind_at(i) == TokenKind::Ident && !(toks_[i].flags & kTokRaw) && text_of(i) == kw;
}

int Parser::op_tokens(Op op) {
  return op_spelling(op).n;
}

bool Parser::nth_op(uint32_t n, Op op) const {
  OpSpelling s = op_spelling(op);
  uint32_t i = pos_ + n;
  for (int j = 0; j < s.n; ++j) {
    if (kind_at(i + j) != s.k[j]) return false;
    if (j + 1 < s.n && !adjacent(i + j)) return false;
  }
  return true;
}

bool Parser::expect(TokenKind k) {
  if (eat(k)) return true;
  error("expected `" + std::string(token_kind_name(k)) + "`, found " + describe_current());
  return false;
}

bool Parser::expect_op(Op op) {
  if (eat_op(op)) return true;
  std::string spelled;
  OpSpelling s = op_spelling(op);
  for (int j = 0; j < s.n; ++j) spelled += token_kind_name(s.k[j]);
  error("expected `" + spelled + "`, found " + describe_current());
  return false;
}

Completed Parser::complete(Marker m, SyntaxKind kind, uint16_t flags) {
  out_.push_back(PostNode{kind, flags, m.token, pos_, m.node_begin});
  return Completed{m.node_begin, m.token, static_cast<uint32_t>(out_.size() - 1), kind};
}

std::string Parser::describe_current() const {
  // At a group's limit this names the token there (its closer, or where an unclosed
  // group's contents end), not "end of file".
  if (pos_ + 1 >= toks_.size()) return "end of file";
  TokenKind k = toks_[pos_].kind;
  std::string_view t = text_of(pos_);
  if (t.size() > 24) t = t.substr(0, 24);
  switch (k) {
    case TokenKind::Ident: return "identifier `" + std::string(t) + "`";
    case TokenKind::Lifetime: return "lifetime `" + std::string(t) + "`";
    case TokenKind::OuterDoc:
    case TokenKind::InnerDoc: return "doc comment";
    default:
      if (is_literal(k)) return "literal `" + std::string(t) + "`";
      return "`" + std::string(t) + "`";
  }
}

void Parser::error(std::string message) {
  error_at(pos_, std::move(message));
}

void Parser::error_at(uint32_t token, std::string message) {
  uint32_t offset = toks_[std::min<size_t>(token, toks_.size() - 1)].start;
  if (++error_count_ <= kMaxKeptSyntaxErrors)
    errors_.push_back(SyntaxError{offset, std::move(message)});
}

bool Parser::at_open_delim() const {
  return is_open(cur());
}

void Parser::error_and_bump(std::string message) {
  error(std::move(message));
  if (at_eof()) return;
  Marker m = start();
  if (at_open_delim()) {
    skip_group();
  } else {
    bump();
  }
  complete(m, SyntaxKind::Error);
}

uint32_t Parser::enter_group() {
  uint32_t saved = limit_;
  uint32_t opener = pos_;
  group_stack_.push_back(opener);
  bump();
  uint32_t end = partner_[opener];
  if (end != kNoPartner && end < limit_) limit_ = end;
  return saved;
}

void Parser::leave_group(uint32_t saved_limit, TokenKind close) {
  if (pos_ < limit_) {
    error("unexpected " + describe_current());
    Marker m = start();
    pos_ = limit_;
    complete(m, SyntaxKind::Error);
  }
  uint32_t opener = kNoPartner;
  if (!group_stack_.empty()) {
    opener = group_stack_.back();
    group_stack_.pop_back();
  }
  limit_ = saved_limit;
  bool closed = opener != kNoPartner && !unclosed_[opener] && partner_[opener] == pos_;
  if (closed && at(close)) {
    bump();
  } else if (opener != kNoPartner && unclosed_[opener]) {
    error_at(opener,
             "unclosed delimiter `" + std::string(token_kind_name(toks_[opener].kind)) + "`");
  } else {
    error("expected `" + std::string(token_kind_name(close)) + "`, found " + describe_current());
  }
}

void Parser::skip_group() {
  if (!at_open_delim()) {
    bump();
    return;
  }
  uint32_t end = partner_[pos_];
  bool is_unclosed = unclosed_[pos_] != 0;
  if (is_unclosed) error("unclosed delimiter `" + std::string(token_kind_name(cur())) + "`");
  if (end == kNoPartner || end >= limit_) {
    pos_ = limit_;
  } else {
    pos_ = is_unclosed ? end : end + 1;
  }
}

bool Parser::enter_nesting() {
  ++depth_;
  max_depth_ = std::max(max_depth_, depth_);
  if (depth_ <= opts_.nesting_budget) return true;
  if (!reported_too_deep_) {
    reported_too_deep_ = true;
    error("nesting too deep (limit " + std::to_string(opts_.nesting_budget) + "); skipping");
  }
  return false;
}

// A keyword that only starts an item: where a skipped expression certainly ended.
static bool starts_item_only(TokenKind k) {
  switch (k) {
    case TokenKind::KwFn:
    case TokenKind::KwStruct:
    case TokenKind::KwEnum:
    case TokenKind::KwTrait:
    case TokenKind::KwImpl:
    case TokenKind::KwMod:
    case TokenKind::KwUse:
    case TokenKind::KwPub: return true;
    default: return false;
  }
}

std::optional<Completed> Parser::skip_rest_of(Construct c) {
  Marker m = start();
  int angles = 0;  // in a type: `<` opened while skipping and not closed yet
  while (!at_eof() && !is_close(cur()) && !starts_item_only(cur())) {
    if (eat_op(Op::ColonColon) || eat_op(Op::Arrow)) continue;  // no `:` or `>` alone
    TokenKind k = cur();
    bool at_end = false;
    switch (c) {
      case Construct::Expression:
        at_end = k == TokenKind::Semi || k == TokenKind::Comma || at_op(Op::FatArrow);
        break;
      case Construct::Pattern:
        at_end = k == TokenKind::Eq || k == TokenKind::Semi || k == TokenKind::Comma ||
                 k == TokenKind::Colon || k == TokenKind::KwIf || k == TokenKind::KwIn ||
                 at_op(Op::FatArrow);
        break;
      case Construct::Type:
        if (k == TokenKind::Lt) {
          ++angles;
        } else if (k == TokenKind::Gt) {
          at_end = angles == 0;  // closes the generic arguments the type is in
          if (!at_end) --angles;
        } else {
          at_end = angles == 0 && (k == TokenKind::LBrace || k == TokenKind::Semi ||
                                   k == TokenKind::Eq || k == TokenKind::Comma);
        }
        break;
    }
    if (at_end) break;
    skip_group();
  }
  if (pos_ == m.token) return std::nullopt;
  return complete(m, SyntaxKind::Error);
}

void Parser::parse_source_file() {
  Marker m = start();
  inner_attributes();
  item_list_contents(ItemContext::Module);
  complete(m, SyntaxKind::SourceFile);
}

// Postorder (children before parents, each node knowing where its subtree begins) to
// preorder. Walking postorder backwards visits parents before children; a stack of
// open ancestors gives each node its parent, and its preorder index follows from the
// parent's: p(i) = p(parent) + 1 + (begin(i) - begin(parent)).
std::vector<Node> Parser::preorder_nodes() const {
  const size_t n = out_.size();
  std::vector<Node> nodes(n);
  std::vector<uint32_t> pre(n);
  std::vector<uint32_t> stack;
  stack.reserve(64);
  for (size_t r = n; r-- > 0;) {
    const PostNode& pn = out_[r];
    while (!stack.empty() && out_[stack.back()].subtree_begin > r) stack.pop_back();
    uint32_t p;
    uint32_t parent_pre = kNoNode;
    if (stack.empty()) {
      p = pn.subtree_begin;  // a root: only the last node in a well-formed run
    } else {
      uint32_t parent = stack.back();
      parent_pre = pre[parent];
      p = pre[parent] + 1 + (pn.subtree_begin - out_[parent].subtree_begin);
    }
    pre[r] = p;
    Node& node = nodes[p];
    node.kind = pn.kind;
    node.flags = pn.flags;
    node.first_token = pn.first_token;
    node.end_token = pn.end_token;
    node.subtree_end = p + static_cast<uint32_t>(r - pn.subtree_begin + 1);
    node.parent = parent_pre;
    stack.push_back(static_cast<uint32_t>(r));
  }
  return nodes;
}

SyntaxTree Parser::finish(std::vector<SyntaxError> lex_errors, size_t lex_error_count) {
  std::vector<Node> nodes = preorder_nodes();
  if (std::optional<uint32_t> cut = cut_deep_nodes(nodes, kMaxNesting)) {
    error_at(*cut, "nesting too deep (limit " + std::to_string(kMaxNesting) +
                       " levels of the tree); the inner part is skipped");
  }
  std::vector<SyntaxError> errors = std::move(lex_errors);
  errors.insert(errors.end(), std::make_move_iterator(errors_.begin()),
                std::make_move_iterator(errors_.end()));
  std::stable_sort(errors.begin(), errors.end(), by_offset);
  if (errors.size() > kMaxKeptSyntaxErrors) errors.resize(kMaxKeptSyntaxErrors);
  out_.clear();
  out_.shrink_to_fit();
  SyntaxTree tree(text_, std::move(toks_), std::move(nodes), std::move(errors));
  tree.set_delimiters_balanced(balanced_);
  tree.set_error_count(lex_error_count + error_count_);
  return tree;
}

}  // namespace detail

SyntaxTree parse(std::string_view text, const ParseOptions& options) {
  // Offsets are 32-bit: a larger text is parsed up to that size.
  if (text.size() >= UINT32_MAX) text = text.substr(0, UINT32_MAX - 1);
  LexResult lexed = lex(text, options.edition);
  // Error tokens were reported by the lexer; the parser skips them like whitespace.
  std::erase_if(lexed.tokens, [](const Token& t) { return t.kind == TokenKind::Error; });
  detail::Parser parser(text, std::move(lexed.tokens), options);
  parser.parse_source_file();
  return parser.finish(std::move(lexed.errors), lexed.error_count);
}

}  // namespace ferret::syntax

// Internal to the syntax layer: the recursive-descent parser's state and grammar
// functions. The grammar is split over parse_*.cc files by area (items, types,
// patterns, expressions, statements); this header is what they share.
//
// Tree building: markers record (node count, token position) when a node starts;
// completing a marker appends the node in postorder with the index where its subtree
// begins, so wrapping an already-parsed node (`a` in `a + b`) is free: precede() reuses
// the completed node's start. finish() converts postorder to the preorder SyntaxTree.
//
// Recovery: every delimited group `( [ {` is parsed with the token limit set to its
// matching close delimiter, so an error inside a group never escapes it. Loops that
// could stall force progress by wrapping a token in an ERROR node.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/fragment.h"
#include "syntax/nesting_limit.h"
#include "syntax/parse.h"
#include "syntax/syntax_error.h"
#include "syntax/syntax_kind.h"
#include "syntax/syntax_tree.h"
#include "syntax/token.h"

namespace ferret::syntax::detail {

// Operators made of several adjacent one-character tokens.
enum class Op : uint8_t {
  ColonColon,
  Arrow,
  FatArrow,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  AndAnd,
  OrOr,
  Shl,
  Shr,
  PlusEq,
  MinusEq,
  StarEq,
  SlashEq,
  PercentEq,
  CaretEq,
  AndEq,
  OrEq,
  ShlEq,
  ShrEq,
  DotDot,
  DotDotDot,
  DotDotEq,
};

struct Marker {
  uint32_t node_begin;  // postorder index where the node's subtree begins
  uint32_t token;       // first token of the node
};

struct Completed {
  uint32_t node_begin;
  uint32_t token;
  uint32_t index;  // postorder index of the completed node
  SyntaxKind kind;
};

// Expression restrictions (rustc's names): no struct literal in conditions, and a
// block-like expression at statement start ends the statement.
struct Restrictions {
  bool no_struct = false;
  bool stmt_start = false;
  bool allow_let = false;
};

// How a path is parsed: in types generic args need no `::` and `Fn(A) -> B` sugar is
// allowed; in expressions generic args need the turbofish; plain paths (use trees,
// attributes, visibilities, macro names) take no generic args at all.
enum class PathMode : uint8_t { Type, Expr, Plain };

// Where a list of items is parsed; decides which items are expected.
enum class ItemContext : uint8_t { Module, Assoc, Extern, Block };

inline constexpr uint32_t kNoPartner = UINT32_MAX;
inline constexpr int kMaxDepth = kMaxNesting;

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens, const ParseOptions& options);
  // Pairs delimiters only among tokens [begin, end): a reparsed function body, which
  // the caller knows to be balanced on its own (reparse.cc). Others have no partner.
  struct DelimitedSpan {
    uint32_t begin;
    uint32_t end;
  };
  Parser(std::string_view text, std::vector<Token> tokens, const ParseOptions& options,
         DelimitedSpan span);

  void parse_source_file();
  // `lex_error_count` counts the lexer's errors, kept or not.
  SyntaxTree finish(std::vector<SyntaxError> lex_errors, size_t lex_error_count);
  // Reparsing one function body (reparse.cc): parses from token `open`, a body's `{`,
  // as the item parser would; true when that ended just past its partner `}`. Then the
  // parsed nodes (preorder_nodes), errors and tokens are taken apart by the caller.
  bool parse_fn_body_at(uint32_t open);
  // Whether every delimiter has its partner (no indentation heuristics were needed).
  bool balanced() const { return balanced_; }
  // The deepest nesting reached, and whether the limit was hit.
  int max_depth() const { return max_depth_; }
  bool hit_depth_limit() const { return reported_too_deep_; }
  // The nodes completed so far as a preorder array (all of them one subtree or many).
  std::vector<Node> preorder_nodes() const;
  std::vector<SyntaxError> take_errors() { return std::move(errors_); }
  // Errors reported, kept (the first kMaxKeptSyntaxErrors) or not.
  size_t error_count() const { return error_count_; }
  std::vector<Token> take_tokens() { return std::move(toks_); }
  // One macro fragment from token `begin`, reading nothing at or past `limit`: the
  // token just past it, or UINT32_MAX when it does not parse without errors
  // (parse_fragment.cc). The parser can be reused for many fragments.
  uint32_t parse_fragment(FragmentKind kind, uint32_t begin, uint32_t limit);

  // ---- token access (tokens at or past the current limit read as Eof) ----
  TokenKind kind_at(uint32_t i) const { return i < limit_ ? toks_[i].kind : TokenKind::Eof; }
  TokenKind cur() const { return kind_at(pos_); }
  TokenKind nth(uint32_t n) const { return kind_at(pos_ + n); }
  bool at(TokenKind k) const { return cur() == k; }
  bool nth_at(uint32_t n, TokenKind k) const { return nth(n) == k; }
  bool at_eof() const { return pos_ >= limit_; }
  std::string_view text_of(uint32_t i) const { return text_.substr(toks_[i].start, toks_[i].len); }
  // An identifier (not raw) spelled `kw`, n tokens ahead: weak keywords.
  bool nth_contextual(uint32_t n, std::string_view kw) const;
  bool at_contextual(std::string_view kw) const { return nth_contextual(0, kw); }
  // Tokens i and i+1 touch (no whitespace or comment between them).
  bool adjacent(uint32_t i) const { return i + 1 < limit_ && toks_[i].end() == toks_[i + 1].start; }
  bool nth_op(uint32_t n, Op op) const;
  bool at_op(Op op) const { return nth_op(0, op); }
  static int op_tokens(Op op);

  void bump() {
    if (pos_ < limit_) ++pos_;
  }
  void bump_n(int n) {
    for (int i = 0; i < n; ++i) bump();
  }
  bool eat(TokenKind k) {
    if (!at(k)) return false;
    bump();
    return true;
  }
  bool eat_op(Op op) {
    if (!at_op(op)) return false;
    bump_n(op_tokens(op));
    return true;
  }
  bool eat_contextual(std::string_view kw) {
    if (!at_contextual(kw)) return false;
    bump();
    return true;
  }
  // Consumes k or reports "expected <what>".
  bool expect(TokenKind k);
  bool expect_op(Op op);

  // ---- markers and errors ----
  Marker start() const { return {static_cast<uint32_t>(out_.size()), pos_}; }
  Completed complete(Marker m, SyntaxKind kind, uint16_t flags = 0);
  static Marker precede(const Completed& c) { return {c.node_begin, c.token}; }
  // Changes the kind of an already completed node (e.g. a path that turns out a pattern).
  void change_kind(const Completed& c, SyntaxKind kind) { out_[c.index].kind = kind; }
  void error(std::string message);
  void error_at(uint32_t token, std::string message);
  // Reports `message` and wraps the current token (a whole group when at an opening
  // delimiter) in an ERROR node. Always makes progress unless at the limit.
  void error_and_bump(std::string message);
  std::string describe_current() const;

  // ---- delimited groups ----
  // For an opening delimiter: its closing delimiter, or, when it is unclosed, the token
  // where its contents end. For a closing delimiter: its opener, or kNoPartner.
  uint32_t partner(uint32_t i) const { return partner_[i]; }
  bool unclosed(uint32_t opener) const { return unclosed_[opener] != 0; }
  bool at_open_delim() const;
  // At an opening delimiter: consumes it and limits parsing to its partner. Returns
  // the previous limit for leave_group.
  uint32_t enter_group();
  // Wraps leftover tokens before the limit in an ERROR node, restores the limit and
  // consumes the closing delimiter `close` (or reports it missing).
  void leave_group(uint32_t saved_limit, TokenKind close);
  // Consumes a delimited group without parsing its inside.
  void skip_group();
  // A delimited, comma-separated list at an opening delimiter, completed as
  // `list_kind`. `element(em)` parses one element (attributes included) from marker
  // em and returns true when it completed em; when it parsed something else that is
  // wrapped in an ERROR, when nothing, one token is — every round makes progress.
  // `what` names an element for messages ("field", "variant name").
  template <typename Element>
  void comma_list(SyntaxKind list_kind, TokenKind close, std::string_view what, Element&& element);

  // ---- depth limit ----
  // Every level of the tree costs one unit of the nesting budget (kMaxDepth): the
  // recursion of the grammar functions and the links of left-deep chains (`a.b().c()`,
  // `a + b + c`, `else if`) alike, so no tree the parser builds is deeper than the
  // budget allows and every recursion over trees is bounded too.
  bool enter_nesting();  // false when too deep (an error was reported once)
  void leave_nesting() { --depth_; }
  // Past the budget, the rest of the construct becomes one ERROR node in one step
  // (groups skipped whole), so the levels around it parse on as if it had ended: never
  // an error per token. It ends at a closing delimiter (the enclosing group's) and at an
  // item-only keyword, and by the construct:
  //   Expression  `;`, `,`, `=>`
  //   Pattern     `=`, `;`, `,`, `=>`, `:`, `if`, `in`
  //   Type        the `>` closing the generic arguments it is in; outside `<…>`, `{`,
  //               `;`, `=`, `,`
  // Nothing skipped (already at its end): no node.
  enum class Construct { Expression, Pattern, Type };
  std::optional<Completed> skip_rest_of(Construct c);

  // ---- grammar: attributes, visibility, names (parse_items.cc) ----
  void outer_attributes();
  void inner_attributes();
  bool at_outer_attribute() const;
  void attribute();
  bool opt_visibility(bool in_tuple_field = false);
  void name();
  bool name_or_error();
  void name_ref();
  void lifetime();
  bool opt_abi();
  void token_tree();

  // ---- items (parse_items.cc) ----
  void item_list_contents(ItemContext ctx);
  // Parses one item if the tokens (after attributes/visibility, which the caller
  // started under marker m) start one; returns false and completes nothing otherwise.
  bool item_after_attrs(Marker m, ItemContext ctx, bool has_visibility);
  bool at_macro_call_path() const;
  void fn_item(Marker m, ItemContext ctx);
  void struct_item(Marker m, SyntaxKind kind);
  void enum_item(Marker m);
  void trait_item(Marker m);
  void impl_item(Marker m);
  void type_alias(Marker m);
  void const_or_static(Marker m, SyntaxKind kind);
  void module_item(Marker m);
  void use_item(Marker m);
  void use_tree(bool top);
  void extern_crate(Marker m);
  void extern_block(Marker m);
  void macro_rules(Marker m);
  void macro_def(Marker m);
  void macro_call_item(Marker m);
  void record_field_list();
  void tuple_field_list();
  void variant_list();
  void assoc_item_list(SyntaxKind list_kind, ItemContext ctx);
  void param_list(bool allow_anonymous);
  bool self_param();
  // A parameter whose attributes were parsed under m.
  void param(Marker m, bool allow_anonymous);
  void opt_ret_type(bool allow_plus = true);
  void fn_body_or_semi();

  // ---- generics (parse_generics.cc) ----
  void opt_generic_params();
  void generic_params();
  bool at_generic_params_after_impl() const;
  void opt_where_clause();
  void type_bounds(bool allow_empty);
  bool type_bound();
  void lifetime_bounds();
  void opt_generic_args(bool turbofish_only);
  void generic_args();
  void generic_arg();
  void for_binder();

  // ---- paths and types (parse_types.cc) ----
  bool at_path_start() const;
  Completed path(PathMode mode);
  void path_segment(PathMode mode);
  void qualified_self();
  void type_(bool allow_plus = true);
  void type_no_bounds() { type_(false); }
  bool at_type_start() const;
  void path_or_macro_type(bool allow_plus);
  void fn_ptr_type(Marker m);
  void dyn_or_impl_type(SyntaxKind kind, bool allow_plus);

  // ---- patterns (parse_patterns.cc) ----
  void pattern_top();  // or-patterns with optional leading `|`
  void pattern_no_top_alt();
  bool at_pattern_start() const;
  void pattern_single();
  void pattern_range_end();
  void tuple_pat_fields(TokenKind close);
  void record_pat_fields();
  bool at_literal_pattern() const;

  // ---- expressions (parse_expressions.cc) ----
  std::optional<Completed> expr(Restrictions r = {});
  std::optional<Completed> expr_bp(int min_bp, Restrictions r);
  std::optional<Completed> unary_expr(Restrictions r);
  std::optional<Completed> postfix_expr(Completed lhs, Restrictions r);
  std::optional<Completed> atom_expr(Restrictions r);
  bool at_expr_start() const;
  void expect_expr(Restrictions r = {});
  Completed literal();
  Completed path_expr_or_struct(Restrictions r);
  Completed paren_or_tuple_expr();
  Completed array_expr();
  Completed block_expr(Marker m);
  Completed closure_expr(Marker m, Restrictions r = {});
  Completed if_expr(Marker m);
  Completed loop_like(Marker m);
  Completed match_expr(Marker m);
  Completed let_expr(Marker m);
  Completed jump_expr(Marker m, SyntaxKind kind, bool has_label, Restrictions r);
  void record_expr_fields();
  void arg_list();
  void condition();
  bool at_block_like_start() const;

  // ---- statements (parse_statements.cc) ----
  void block_contents();
  void statement();
  void let_statement(Marker m);
  void fn_body();

 private:
  void compute_partners();
  bool match_delimiters(bool use_indentation, uint32_t begin, uint32_t end);
  void init_tokens();

  std::string_view text_;
  std::vector<Token> toks_;
  ParseOptions opts_;
  std::vector<uint32_t> partner_;
  std::vector<uint8_t> unclosed_;
  std::vector<uint32_t> group_stack_;  // openers of the groups being parsed
  bool indentation_is_informative_ = false;
  bool balanced_ = true;
  uint32_t pos_ = 0;
  uint32_t limit_ = 0;
  int depth_ = 0;
  int max_depth_ = 0;
  bool reported_too_deep_ = false;

  struct PostNode {
    SyntaxKind kind;
    uint16_t flags;
    uint32_t first_token;
    uint32_t end_token;
    uint32_t subtree_begin;
  };
  std::vector<PostNode> out_;
  std::vector<SyntaxError> errors_;
  size_t error_count_ = 0;

 public:
  const ParseOptions& options() const { return opts_; }
  Edition edition() const { return opts_.edition; }
  uint32_t pos() const { return pos_; }
};

template <typename Element>
void Parser::comma_list(SyntaxKind list_kind, TokenKind close, std::string_view what,
                        Element&& element) {
  Marker m = start();
  uint32_t saved = enter_group();
  std::string close_text = close == TokenKind::RParen     ? ")"
                           : close == TokenKind::RBracket ? "]"
                                                          : "}";
  while (!at_eof()) {
    uint32_t before = pos_;
    Marker em = start();
    if (!element(em)) {
      if (pos_ > before) {
        error("expected " + std::string(what) + ", found " + describe_current());
        complete(em, SyntaxKind::Error);
      } else {
        error_and_bump("expected " + std::string(what) + ", found " + describe_current());
        eat(TokenKind::Comma);
        continue;
      }
    }
    if (eat(TokenKind::Comma) || at_eof()) continue;
    if (pos_ == before) {  // an element rule that consumed nothing must not stall the loop
      error_and_bump("expected `,` or `" + close_text + "`, found " + describe_current());
      continue;
    }
    error("expected `,` or `" + close_text + "`, found " + describe_current());
  }
  leave_group(saved, close);
  complete(m, list_kind);
}

// rustc's classify::expr_is_complete: an expression that ends a statement (or a match
// arm) without `;` (`,`): if/match/loops and blocks, but not async or gen blocks.
bool is_block_like_expr(const Parser& p, const Completed& c);

// The links of a left-deep chain (`a.b().c()`, `a + b + c`): each wraps the tree so far
// in one more node, so each takes one level of the budget until the chain ends.
class ChainDepth {
 public:
  explicit ChainDepth(Parser& p) : p_(p) {}
  ~ChainDepth() {
    for (int i = 0; i < links_; ++i) p_.leave_nesting();
  }
  ChainDepth(const ChainDepth&) = delete;
  ChainDepth& operator=(const ChainDepth&) = delete;
  // Takes a level for one more link; false (nothing taken) when the budget is spent.
  bool add_link() {
    if (!p_.enter_nesting()) {
      p_.leave_nesting();
      return false;
    }
    ++links_;
    return true;
  }

 private:
  Parser& p_;
  int links_ = 0;
};

// Nesting guard: for (auto g = NestingGuard(p); g) … ; leaves on destruction.
class NestingGuard {
 public:
  explicit NestingGuard(Parser& p) : p_(p), ok_(p.enter_nesting()) {}
  ~NestingGuard() { p_.leave_nesting(); }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  explicit operator bool() const { return ok_; }

 private:
  Parser& p_;
  bool ok_;
};

}  // namespace ferret::syntax::detail

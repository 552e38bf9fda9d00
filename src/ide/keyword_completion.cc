// Keywords by position and postfix snippets (see keyword_completion.h).
#include "ide/keyword_completion.h"

#include <initializer_list>
#include <string_view>

#include "ide/type_queries.h"

namespace ferret::ide {

using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::TokenKind;

namespace {

enum class Place : uint8_t {
  None,
  Item,
  AssocItem,
  Statement,
  Expression,
  AfterLet,
  AfterAmp,
  Type,
  WhereSlot
};

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool is_item_node(SyntaxKind k) {
  return k == SyntaxKind::Fn || k == SyntaxKind::Struct || k == SyntaxKind::Enum ||
         k == SyntaxKind::Union || k == SyntaxKind::Trait || k == SyntaxKind::Impl ||
         k == SyntaxKind::Module;
}

// The last token ending at or before `offset`, or UINT32_MAX.
uint32_t token_before(const syntax::SyntaxTree& tree, uint32_t offset) {
  uint32_t t = tree.token_at_offset(offset);
  while (t > 0 && tree.tokens()[t - 1].end() > offset) --t;
  return t == 0 ? UINT32_MAX : t - 1;
}

struct Surroundings {
  Place place = Place::None;
  bool in_impl_or_trait = false;  // `Self` means something
  bool in_method = false;         // `self` means something
  bool in_loop = false;           // `break`, `continue`
  bool in_fn = false;             // `return`
};

Surroundings surroundings(Query& q, const CompletionContext& c) {
  Surroundings s;
  const syntax::SyntaxTree& tree = q.tree;
  uint32_t prev = token_before(tree, c.prefix_start);
  TokenKind pk = prev == UINT32_MAX ? TokenKind::Eof : tree.token_kind(prev);
  NodeId start = tree.innermost_node_at(c.prefix_start);
  // The enclosing items and bodies, inside out.
  Place body_place = Place::None;
  for (NodeId n = start; n != syntax::kNoNode; n = tree.at(n).parent) {
    SyntaxKind k = tree.at(n).kind;
    if (body_place == Place::None) {
      if (k == SyntaxKind::BlockExpr) body_place = Place::Expression;
      if (k == SyntaxKind::ItemList || k == SyntaxKind::SourceFile) body_place = Place::Item;
      if (k == SyntaxKind::AssocItemList) body_place = Place::AssocItem;
      if (is_item_node(k) && k == SyntaxKind::Fn) {
        // In a fn's signature: past its parameters and before its body, `where`.
        syntax::SyntaxNode fn = tree.node(n);
        syntax::SyntaxNode params = fn.child(SyntaxKind::ParamList);
        syntax::SyntaxNode body = fn.child(SyntaxKind::BlockExpr);
        if (params && params.range().end <= c.prefix_start &&
            (!body || body.range().start >= c.prefix_end)) {
          body_place = Place::WhereSlot;
        }
      }
    }
    if (k == SyntaxKind::LoopExpr || k == SyntaxKind::WhileExpr || k == SyntaxKind::ForExpr)
      s.in_loop = true;
    if (k == SyntaxKind::Impl || k == SyntaxKind::Trait) s.in_impl_or_trait = true;
    if (k == SyntaxKind::Fn) {
      s.in_fn = true;
      syntax::SyntaxNode params = tree.node(n).child(SyntaxKind::ParamList);
      if (params && params.child(SyntaxKind::SelfParam)) s.in_method = true;
    }
  }
  if (c.in_type) {
    s.place = Place::Type;
  } else if (pk == TokenKind::KwLet) {
    s.place = Place::AfterLet;
  } else if (pk == TokenKind::Amp && body_place == Place::Expression) {
    s.place = Place::AfterAmp;
  } else if (body_place == Place::Expression) {
    bool statement_start =
        pk == TokenKind::LBrace || pk == TokenKind::Semi || pk == TokenKind::RBrace;
    s.place = statement_start ? Place::Statement : Place::Expression;
  } else if (body_place == Place::Item || body_place == Place::AssocItem) {
    // Only where an item can start: after `{`, `;`, `}`, an attribute's `]`, `pub`.
    bool item_start = pk == TokenKind::Eof || pk == TokenKind::LBrace || pk == TokenKind::Semi ||
                      pk == TokenKind::RBrace || pk == TokenKind::RBracket ||
                      pk == TokenKind::KwPub || pk == TokenKind::InnerDoc ||
                      pk == TokenKind::OuterDoc;
    s.place = item_start ? body_place : Place::None;
    // Right after a fn, impl or trait header that has no body yet (`fn f() -> T wh`,
    // parsed as the header and a stray expression): `where`.
    if (!item_start && prev != UINT32_MAX) {
      uint32_t prev_end = tree.tokens()[prev].end();
      for (NodeId n = tree.innermost_node_at(tree.tokens()[prev].start); n != syntax::kNoNode;
           n = tree.at(n).parent) {
        SyntaxKind k = tree.at(n).kind;
        if (k != SyntaxKind::Fn && k != SyntaxKind::Impl && k != SyntaxKind::Trait) continue;
        syntax::SyntaxNode item = tree.node(n);
        bool open = !item.child(SyntaxKind::BlockExpr) && !item.child(SyntaxKind::AssocItemList);
        if (open && item.range().end == prev_end) s.place = Place::WhereSlot;
        break;
      }
    }
  } else if (body_place == Place::WhereSlot) {
    s.place = Place::WhereSlot;
  }
  return s;
}

void add_keyword(std::string_view kw, const CompletionContext& c, std::vector<Match>& out) {
  if (!starts_with(kw, c.prefix)) return;
  Match m;
  m.name = std::string(kw);
  m.kind = MatchKind::Keyword;
  m.context = m.name;
  m.snippet = m.name;
  m.relevance = Relevance::Prelude;
  out.push_back(std::move(m));
}

void add_all(std::initializer_list<std::string_view> kws, const CompletionContext& c,
             std::vector<Match>& out) {
  for (std::string_view k : kws) add_keyword(k, c, out);
}

// Text inside a snippet: `$`, `}` and `\` are escaped.
std::string snippet_text(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '$' || ch == '}' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

void keyword_matches(Query& q, const CompletionContext& c, std::vector<Match>& out) {
  if (c.kind != CompletionKind::Name) return;
  Surroundings s = surroundings(q, c);
  switch (s.place) {
    case Place::None: return;
    case Place::Item:
      add_all({"fn", "pub", "struct", "enum", "union", "impl", "trait", "mod", "use", "const",
               "static", "type", "unsafe", "extern", "async", "macro_rules"},
              c, out);
      return;
    case Place::AssocItem:
      add_all({"fn", "pub", "const", "type", "unsafe", "async"}, c, out);
      return;
    case Place::WhereSlot: add_keyword("where", c, out); return;
    case Place::AfterLet: add_all({"mut", "ref"}, c, out); return;
    case Place::AfterAmp: add_keyword("mut", c, out); [[fallthrough]];
    case Place::Statement:
    case Place::Expression:
      if (s.place == Place::Statement)
        add_all({"let", "const", "static", "fn", "struct", "enum", "impl", "use"}, c, out);
      add_all({"if", "match", "loop", "while", "for", "unsafe", "async", "move", "true", "false",
               "crate", "super"},
              c, out);
      if (s.in_fn) add_keyword("return", c, out);
      if (s.in_loop) add_all({"break", "continue"}, c, out);
      if (s.in_method) add_keyword("self", c, out);
      if (s.in_impl_or_trait) add_keyword("Self", c, out);
      return;
    case Place::Type:
      add_all({"dyn", "impl", "fn", "unsafe", "extern", "crate", "super", "self"}, c, out);
      if (s.in_impl_or_trait) add_keyword("Self", c, out);
      return;
  }
}

void postfix_snippets(Query& q, const CompletionContext& c, std::vector<Match>& out) {
  if (c.kind != CompletionKind::Dot || c.receiver == syntax::kNoNode) return;
  syntax::SyntaxNode recv = q.tree.node(c.receiver);
  std::string expr = snippet_text(recv.text());
  if (expr.empty() || expr.find('\n') != std::string::npos) return;
  bool is_bool = false;
  if (sema::BodyInference* inf = body_types(q))
    is_bool = inf->render(inf->type_of(c.receiver)) == "bool";
  struct Postfix {
    std::string_view name;
    std::string text;
    bool bool_only;
  };
  const Postfix all[] = {
      {"if", "if " + expr + " {\n\t$0\n}", true},
      {"while", "while " + expr + " {\n\t$0\n}", true},
      {"not", "!" + expr, true},
      {"match", "match " + expr + " {\n\t${1:_} => {$0}\n}", false},
      {"let", "let $0 = " + expr + ";", false},
      {"ref", "&" + expr, false},
      {"refm", "&mut " + expr, false},
      {"dbg", "dbg!(" + expr + ")", false},
      {"ok", "Ok(" + expr + ")", false},
      {"err", "Err(" + expr + ")", false},
      {"some", "Some(" + expr + ")", false},
      {"box", "Box::new(" + expr + ")", false},
      {"return", "return " + expr, false},
  };
  for (const Postfix& p : all) {
    if (!starts_with(p.name, c.prefix) || (p.bool_only && !is_bool)) continue;
    Match m;
    m.name = std::string(p.name);
    m.kind = MatchKind::Snippet;
    m.context = std::string(p.name) + " (postfix)";
    m.snippet = p.text;
    m.replace_start = recv.range().start;
    m.relevance = Relevance::Prelude;
    out.push_back(std::move(m));
  }
}

}  // namespace ferret::ide

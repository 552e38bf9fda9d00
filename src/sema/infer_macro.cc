// Body inference: macro calls in expression and statement position. A macro_rules!
// macro is expanded by our expander and its expansion, parsed as a block, is inferred
// in place (its `$crate` paths resolve in the macro's crate; call-site names in the
// caller's scope); the compiler's built-in macros (format_args!, concat!, line!…)
// have the types rustc gives them. Each call written in the body has a budget
// (expansion_budget.h) its whole expansion tree spends from; a call that overdraws is
// left unexpanded and the rest of the body keeps its types.
#include <algorithm>

#include "sema/infer.h"
#include "sema/infer_internal.h"
#include "sema/macro_rules.h"
#include "sema/scope_lookup.h"
#include "syntax/parse.h"

namespace ferret::sema {

using syntax::SyntaxKind;

namespace {

constexpr size_t kMaxExpansionBytes = 1 << 20;
// All of a body's macro calls together may expand to this many tokens; each call to
// at most ExpansionBudget::kTokens of what is left.
constexpr size_t kBodyExpansionTokens = size_t{1} << 20;

// The macro call a block consists of, when it is nothing else (`{ m!(…) }`: the
// expansion of a tail-recursive macro).
syntax::SyntaxNode lone_tail_macro(syntax::SyntaxNode block) {
  syntax::SyntaxNode only;
  for (syntax::SyntaxNode c : block.children()) {
    if (only) return {};
    only = c;
  }
  return only && only.kind() == SyntaxKind::MacroExpr ? only : syntax::SyntaxNode();
}

}  // namespace

TyId BodyInference::builtin_macro(std::string_view name, Node n, TyId expected) {
  TyArena& a = t_.arena;
  const LangItems& l = t_.lang();
  Node tt = n.child(SyntaxKind::TokenTree);
  auto str = [&] { return a.ref(a.builtin(BuiltinType::Str), false); };
  if (name == "format_args" || name == "format_args_nl" || name == "const_format_args") {
    if (tt) infer_macro_args(tt);
    return l.arguments ? a.adt(l.arguments, {}) : kUnknownTy;
  }
  if (name == "concat" || name == "stringify" || name == "file" || name == "module_path" ||
      name == "env" || name == "include_str") {
    return str();
  }
  if (name == "option_env") return l.option ? a.adt(l.option, {str()}) : kUnknownTy;
  if (name == "line" || name == "column") return a.builtin(BuiltinType::U32);
  if (name == "cfg") return a.builtin(BuiltinType::Bool);
  if (name == "include_bytes") return a.ref(a.array(a.builtin(BuiltinType::U8), ""), false);
  if (name == "assert" || name == "debug_assert") {
    if (tt) infer_macro_args(tt);
    return a.unit();
  }
  if (name.substr(0, 5) == "panic" || name.substr(0, 11) == "unreachable" ||
      name == "compile_error" || name == "std_panic" || name == "core_panic") {
    if (tt) infer_macro_args(tt);
    return a.never();
  }
  (void)expected;
  if (tt) infer_macro_args(tt);
  return kUnknownTy;
}

// Code read from a macro call during inference nests inside the expression being
// inferred: its parse gets the part of the nesting budget this body has not used.
syntax::ParseOptions BodyInference::expansion_parse_options(syntax::Edition edition) const {
  syntax::ParseOptions opts;
  opts.edition = edition;
  opts.nesting_budget = std::max(0, kMaxNesting - depth_);
  return opts;
}

void BodyInference::infer_macro_args(Node tt) {
  // Read the arguments as a parenthesized list of expressions: what format-like and
  // most other macros take. Only for what it infers along the way (nothing is recorded
  // on the token tree itself).
  if (!tt || macro_depth_ >= ExpansionBudget::kMaxDepth || (call_budget_ && call_budget_->cut))
    return;
  std::string_view inner = tt.text();
  if (inner.size() < 2 || inner.size() > kMaxExpansionBytes) return;
  inner = inner.substr(1, inner.size() - 2);
  auto e = std::make_unique<ExpansionTree>();
  e->text = "fn __ferret_args() { (" + std::string(inner) + "\n); }";
  e->tree = syntax::parse(e->text, expansion_parse_options(syntax::Edition::E2021));
  ExpansionTree& ref = *e;
  expansions_.push_back(std::move(e));
  syntax::SyntaxNode root = ref.tree.root();
  for (Node item : root.children()) {
    if (item.kind() != SyntaxKind::Fn) continue;
    if (Node body = item.child(SyntaxKind::BlockExpr)) {
      ++macro_depth_;
      expr(body);
      --macro_depth_;
    }
  }
}

// A call written in the body gets a budget (its share of the body's) that everything
// its expansion calls spends from; its expressions and work are counted apart from the
// body's, so a call cut for its budget leaves the rest of the body as it was.
TyId BodyInference::macro_expr(Node n, TyId expected) {
  if (call_budget_ != nullptr)
    return call_budget_->cut ? kUnknownTy : expand_and_infer(n, expected);
  ExpansionBudget budget;
  budget.tokens = std::min(budget.tokens, kBodyExpansionTokens - body_expansion_tokens_);
  size_t body_exprs = exprs_, body_work = work_;
  exprs_ = work_ = 0;
  call_budget_ = &budget;
  TyId t = expand_and_infer(n, expected);
  call_budget_ = nullptr;
  exprs_ = body_exprs;
  work_ = body_work;
  body_expansion_tokens_ +=
      std::min(ExpansionBudget::kTokens, kBodyExpansionTokens - body_expansion_tokens_) -
      budget.tokens;
  if (!budget.cut) return t;
  note("a macro call was left unexpanded: " + budget.why);
  return kUnknownTy;
}

// Expands call n and infers its expansion; a tail call in the expansion (`{ m!(…) }`)
// is expanded in turn by the loop, so tail-recursive macros nest without recursing.
TyId BodyInference::expand_and_infer(Node n, TyId expected) {
  ExpansionBudget& budget = *call_budget_;
  for (int levels = 0;; ++levels) {
    Node path = n.child(SyntaxKind::Path);
    Node tt = n.child(SyntaxKind::TokenTree);
    if (!path) return kUnknownTy;
    std::string name;
    for (Node s : path.children()) {
      if (s.kind() == SyntaxKind::PathSegment && s.child(SyntaxKind::NameRef))
        name = std::string(s.child(SyntaxKind::NameRef).text());
    }
    PathResolution r;
    resolve_value(path, &r);
    Def def = r.complete ? r.defs[Namespace::Macros].def : Def{};
    std::optional<ItemLoc> loc = t_.loc_of(def);
    if (!loc) {
      if (tt) infer_macro_args(tt);
      return kUnknownTy;
    }
    const index::ItemTree& dtree = t_.tree_of(*loc);
    const index::Item& item = dtree.items[loc->item];
    for (uint32_t at = item.attrs_begin; at < item.attrs_end; ++at) {
      if (dtree.attrs[at].kind == index::AttrKind::BuiltinMacro) {
        std::string_view which = dtree.str(dtree.attrs[at].value);
        return builtin_macro(which.empty() ? std::string_view(name) : which, n, expected);
      }
    }
    if ((item.kind != index::ItemKind::MacroRules && item.kind != index::ItemKind::MacroDef) ||
        !tt) {
      if (tt) infer_macro_args(tt);
      return kUnknownTy;
    }
    if (expansion_levels_ + levels >= ExpansionBudget::kMaxDepth) {
      budget.cut_for("`" + name + "!` nested more than " +
                     std::to_string(ExpansionBudget::kMaxDepth) + " expansions deep");
      return kUnknownTy;
    }
    const MacroRulesDef& rules = t_.db.macro_rules_def(loc->file, loc->item);
    std::string_view body = tt.text();
    if (body.size() < 2) return kUnknownTy;
    syntax::Edition edition = t_.db.file_edition(file_);
    uint32_t base = tt.range().start;
    FileId file = &n.tree() == &tree_ ? file_ : kNoIndex;
    // With its delimiters, as the expander takes a call (a lone `(…)` argument is not
    // mistaken for them).
    TokenStream input = lex_token_stream(body, edition, [&](uint32_t off) {
      return TokenOrigin{file, base + off};
    });
    ExpandLimits limits = budget.limits();
    limits.max_output_bytes = kMaxExpansionBytes;
    ExpandResult x = expand_macro_rules(rules, input, edition, limits);
    if (!budget.charge(x)) return kUnknownTy;
    if (!x.ok) {
      note("`" + name + "!` did not expand: " + x.error);
      infer_macro_args(tt);
      return kUnknownTy;
    }
    std::string shown =
        x.output.text.size() > 160 ? x.output.text.substr(0, 160) + "…" : x.output.text;
    note("`" + name + "!` expands to `" + shown + "`");
    auto e = std::make_unique<ExpansionTree>();
    e->text = "fn __ferret_expansion() {\n" + x.output.text + "\n}";
    e->tree = syntax::parse(e->text, expansion_parse_options(t_.db.file_edition(loc->file)));
    ExpansionTree& ref = *e;
    expansions_.push_back(std::move(e));
    dollar_crates_[&ref.tree] = def.krate;
    Node block;
    for (Node it : ref.tree.root().children()) {
      if (it.kind() == SyntaxKind::Fn) block = it.child(SyntaxKind::BlockExpr);
    }
    if (!block) return kUnknownTy;
    if (Node next = lone_tail_macro(block)) {
      n = next;
      continue;
    }
    ++macro_depth_;
    expansion_levels_ += levels + 1;
    TyId t = expr(block, expected);
    expansion_levels_ -= levels + 1;
    --macro_depth_;
    return t;
  }
}

}  // namespace ferret::sema

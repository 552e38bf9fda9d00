// Dot completion, member definitions, type at cursor (see type_queries.h).
#include "ide/type_queries.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ide/importable_items.h"
#include "ide/item_matches.h"
#include "syntax/parse.h"

namespace ferret::ide {

using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::TokenKind;

struct TypedBody {
  sema::TyArena arena;
  std::unique_ptr<sema::TyDb> tdb;
  std::unique_ptr<sema::BodyInference> inference;
  bool ok = false;
  // Code re-parsed from a macro call's arguments (kept alive with the inference).
  std::vector<std::unique_ptr<std::pair<std::string, syntax::SyntaxTree>>> detached;
};

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

Match member_match(Query& q, sema::BodyInference& inf, const sema::Member& m) {
  Match out;
  if (m.def_loc.file == sema::kNoIndex) {  // a tuple element
    out.name = m.name;
    out.kind = MatchKind::StructField;
    out.context = inf.render(m.field_ty);
    out.snippet = out.name;
    place_at_primitive_docs(q.db, "tuple", out);  // a tuple's fields are the language's
  } else {
    out = match_for_item(q.db, m.def_loc, Relevance::Item);
    if (m.kind == sema::Member::Kind::Field) out.kind = MatchKind::StructField;
  }
  // Own fields and inherent methods, then trait methods, then those that may not apply;
  // within each, nearer autoderef steps first (docs/PROTOCOL.md).
  bool field = m.kind == sema::Member::Kind::Field;
  out.relevance = field                          ? Relevance::Field
                  : !m.from_trait                ? Relevance::Inherent
                  : (m.uncertain || m.universal) ? Relevance::Speculative
                                                 : Relevance::Trait;
  out.depth = m.deref_steps;
  out.hidden = out.hidden || m.hidden || m.deprecated;
  return out;
}

// A type every type would unify with: unknown, or a bare variable.
bool vague(sema::TyArena& a, sema::TyId t) {
  return a.is_unknown(t) || a.kind(t) == sema::TyKind::Infer;
}

// Whether an expected type says something of what is written there: not vague, and
// not `()` (what a statement or a unit fn's tail expects).
bool expects_something(sema::TyArena& a, sema::TyId expected) {
  return !vague(a, expected) &&
         !(a.kind(expected) == sema::TyKind::Tuple && a.data(expected).args.empty());
}

// The bonus of a candidate whose type unifies with the expected one (tried in a
// snapshot, rolled back); none for a vague type.
float type_fit(sema::TyArena& a, sema::TyId ty, sema::TyId expected) {
  if (vague(a, ty)) return 0.0f;
  size_t snap = a.snapshot();
  bool fits = a.can_unify(ty, expected);
  a.rollback(snap);
  return fits ? 3.0f : 0.0f;
}

// How well a member's type (a field's, a method's return) fits the type expected where
// it is written.
float member_type_fit(sema::BodyInference& inf, const sema::Member& m, sema::TyId expected) {
  sema::TyArena& a = inf.arena();
  if (!expects_something(a, expected)) return 0.0f;
  size_t snap = a.snapshot();
  sema::TyId ty = sema::kUnknownTy;
  if (m.kind == sema::Member::Kind::Field) {
    ty = m.field_ty;
  } else if (m.kind == sema::Member::Kind::Method) {
    ty = inf.probe().instantiate(m, {}, true).ret;
  }
  if (ty != sema::kUnknownTy) ty = inf.solver().normalize(a.zonk(ty));
  float fit = type_fit(a, ty, expected);
  a.rollback(snap);
  return fit;
}

// The traits with an impl that may cover `ty` or a type its autoderef reaches: impls
// keyed by those types, and blanket impls, in the crate, the dependencies of its
// extern prelude and what those depend on that the crate does too (where a trait the
// code can import lives, or the impl of one: String's DerefMut is alloc's).
std::vector<sema::Def> implemented_traits(Query& q, sema::BodyInference& inf, sema::TyId ty) {
  // The crate, its extern prelude, and the dependencies those reach (std's alloc):
  // not `proc_macro` or `test` when the crate does not name them.
  const base::CrateGraph& g = q.db.graph();
  std::vector<sema::CrateId> crates{q.krate};
  auto reached = [&](sema::CrateId c) {
    for (const base::CrateDependency& p : g[q.krate].deps) {
      if (!p.in_extern_prelude || p.crate >= g.size()) continue;
      for (const base::CrateDependency& x : g[p.crate].deps) {
        if (x.crate == c) return true;
      }
    }
    return false;
  };
  for (const base::CrateDependency& d : g[q.krate].deps) {
    if (d.crate == base::kNoCrate || d.crate >= g.size()) continue;
    if (d.in_extern_prelude || reached(d.crate)) crates.push_back(d.crate);
  }
  std::vector<sema::Def> out;
  std::unordered_set<uint64_t> seen;
  auto add = [&](const sema::ImplRef& r) {
    if (r.trait && seen.insert((static_cast<uint64_t>(r.trait.krate) << 32) | r.trait.index).second)
      out.push_back(r.trait);
  };
  for (sema::TyId step : inf.probe().autoderef(ty)) {
    sema::SelfTypeKey key = inf.solver().key_of(step);
    if (key.shape == sema::SelfTypeKey::Shape::Other) continue;
    for (sema::CrateId c : crates) {
      for (const sema::ImplRef& r : q.impls.impls_in(q.db, c, key)) add(r);
    }
  }
  for (sema::CrateId c : crates) {
    for (const sema::ImplRef& r : q.impls.blanket_impls(q.db, c)) add(r);
  }
  return out;
}

// Methods of traits the receiver's type implements but the file does not import
// (`rng.gen_range` without `use rand::Rng`), each carrying the path to import. Asked
// only with a prefix (an empty one would offer every such method of every trait).
void not_imported_trait_methods(Query& q, sema::BodyInference& inf, sema::TyId ty,
                                std::string_view prefix, sema::TyId expected,
                                std::vector<Match>& out) {
  sema::TyDb& tdb = inf.tdb();
  auto key = [](const sema::Def& d) { return (static_cast<uint64_t>(d.krate) << 32) | d.index; };
  std::unordered_set<uint64_t> scoped;
  for (const sema::Def& d : sema::traits_in_scope(tdb)) scoped.insert(key(d));
  std::vector<sema::Def> candidates;
  for (const sema::Def& tr : implemented_traits(q, inf, ty)) {
    if (scoped.count(key(tr))) continue;
    for (const sema::TyDb::AssocItem& it : tdb.trait_items(tr)) {
      if (it.kind == index::ItemKind::Fn && starts_with(it.name, prefix)) {
        candidates.push_back(tr);
        break;
      }
    }
  }
  if (candidates.empty()) return;
  sema::MethodProbe probe(inf.solver(), candidates);
  std::vector<sema::Member> members;
  std::unordered_map<uint64_t, std::string> paths;  // the traits members were found in
  for (sema::Member& m : probe.dot_members(ty)) {
    if (!m.from_trait || !m.has_self || m.uncertain || m.universal || !starts_with(m.name, prefix))
      continue;
    if (!offered_in_completion(q, m.owner, m.loc)) continue;
    paths.emplace(key(m.trait), "");
    members.push_back(std::move(m));
  }
  if (members.empty()) return;
  size_t unresolved = paths.size();
  for_each_importable_item(
      q, [&](const sema::Def& def, int ns, std::string_view, const std::string& path) {
        auto it = ns == 0 ? paths.find(key(def)) : paths.end();
        if (it != paths.end() && it->second.empty()) {
          it->second = path;
          --unresolved;
        }
        return unresolved == 0;
      });
  for (const sema::Member& m : members) {
    const std::string& path = paths[key(m.trait)];
    if (path.empty()) continue;  // not nameable from here
    Match match = member_match(q, inf, m);
    match.relevance = Relevance::NotImported;
    match.import = path;
    match.type_fit = member_type_fit(inf, m, expected);
    out.push_back(std::move(match));
  }
}

bool is_close(TokenKind k) { return k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace; }
bool is_open(TokenKind k) { return k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace; }

// Inside a macro call's arguments nothing is parsed: the receiver is the code before
// the dot back to the last separator at the same depth, re-parsed as an expression
// (its rightmost operand: `a + b.` completes on `b`).
sema::TyId token_receiver_type(Query& q, TypedBody& tb, uint32_t dot) {
  const auto& toks = q.tree.tokens();
  int i = static_cast<int>(dot) - 1;
  int depth = 0;
  for (; i >= 0; --i) {
    TokenKind k = toks[i].kind;
    if (is_close(k)) {
      ++depth;
    } else if (is_open(k)) {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0 && (k == TokenKind::Comma || k == TokenKind::Semi || k == TokenKind::Eq ||
                                (k == TokenKind::Gt && i > 0 && toks[i - 1].kind == TokenKind::Eq))) {
      break;
    }
  }
  if (i + 1 >= static_cast<int>(dot)) return sema::kUnknownTy;
  uint32_t start = toks[i + 1].start;
  uint32_t end = toks[dot].start;
  auto holder = std::make_unique<std::pair<std::string, syntax::SyntaxTree>>();
  holder->first = "fn __ferret_receiver() { (" + q.text->substr(start, end - start) + "\n); }";
  holder->second = syntax::parse(holder->first);
  const syntax::SyntaxTree& t = holder->second;
  syntax::SyntaxNode e;
  for (syntax::SyntaxNode item : t.root().children()) {
    if (item.kind() != SyntaxKind::Fn) continue;
    syntax::SyntaxNode body = item.child(SyntaxKind::BlockExpr);
    if (!body) continue;
    for (syntax::SyntaxNode c : body.children()) {
      if (c.kind() == SyntaxKind::ExprStmt) c = c.first_child();
      if (c && c.kind() == SyntaxKind::ParenExpr) e = c.first_child();
    }
  }
  // The rightmost operand of operators binding looser than `.`.
  while (e && (e.kind() == SyntaxKind::BinExpr || e.kind() == SyntaxKind::RangeExpr || e.kind() == SyntaxKind::PrefixExpr ||
               e.kind() == SyntaxKind::RefExpr || e.kind() == SyntaxKind::ReturnExpr || e.kind() == SyntaxKind::BreakExpr ||
               e.kind() == SyntaxKind::BoxExpr)) {
    syntax::SyntaxNode last;
    for (syntax::SyntaxNode c : e.children()) last = c;
    if (!last) break;
    e = last;
  }
  if (!e) return sema::kUnknownTy;
  NodeId id = e.id();
  tb.detached.push_back(std::move(holder));
  return tb.inference->infer_detached(tb.detached.back()->second, id, q.offset);
}

std::string snippet(syntax::SyntaxNode n) {
  std::string t = collapse_whitespace(n.text());
  return t.size() > 60 ? t.substr(0, 57) + "…" : t;
}

std::string where(Query& q, const sema::Member& m) {
  if (m.def_loc.file == sema::kNoIndex) return "";
  Match at = match_for_item(q.db, m.def_loc, Relevance::Item);
  std::string path = at.path;
  size_t slash = path.rfind('/');
  return " (" + (m.from_trait ? std::string("trait method") : m.kind == sema::Member::Kind::Field ? "field" : "inherent") +
         ", " + (slash == std::string::npos ? path : path.substr(slash + 1)) + ":" + std::to_string(at.line) + ")";
}

// How the receiver got its type, as the seed walked `v.pu` by hand: the receiver, the
// binding it names, that binding's initializer, the calls along it, each with its type.
void explain_chain(Query& q, sema::BodyInference& inf, NodeId e, int depth) {
  if (e == syntax::kNoNode || depth > 8) return;
  syntax::SyntaxNode n = q.tree.node(e);
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  std::string ty = inf.render(inf.type_of(e));
  switch (n.kind()) {
    case SyntaxKind::MethodCallExpr:
    case SyntaxKind::FieldExpr: {
      syntax::SyntaxNode recv = n.first_child();
      if (recv) explain_chain(q, inf, recv.id(), depth);
      const sema::Member* m = inf.member_of(e);
      syntax::SyntaxNode name = n.child(SyntaxKind::NameRef);
      std::string what = n.kind() == SyntaxKind::FieldExpr ? "." + std::string(name ? name.text() : "") : "." + std::string(name ? name.text() : "") + "(…)";
      q.note(pad + "`" + what + "` on `" + (recv ? inf.render(inf.type_of(recv.id())) : "?") + "` gives `" + ty + "`" +
             (m ? where(q, *m) : " (not found)"));
      return;
    }
    case SyntaxKind::PathExpr: {
      NodeId b = inf.binding_of(e);
      if (b == syntax::kNoNode) {
        q.note(pad + "`" + snippet(n) + "` is `" + ty + "`");
        return;
      }
      uint32_t line = q.lines().line_col(q.tree.node(b).range().start).line;
      // The statement or parameter that binds it.
      NodeId site = b;
      while (site != syntax::kNoNode && q.tree.at(site).kind != SyntaxKind::LetStmt && q.tree.at(site).kind != SyntaxKind::Param &&
             q.tree.at(site).kind != SyntaxKind::SelfParam && q.tree.at(site).kind != SyntaxKind::ForExpr &&
             q.tree.at(site).kind != SyntaxKind::MatchArm && q.tree.at(site).kind != SyntaxKind::LetExpr) {
        site = q.tree.at(site).parent;
      }
      std::string binder = "a pattern";
      switch (site == syntax::kNoNode ? SyntaxKind::Error : q.tree.at(site).kind) {
        case SyntaxKind::LetStmt: binder = "let"; break;
        case SyntaxKind::Param: binder = "a parameter"; break;
        case SyntaxKind::SelfParam: binder = "self"; break;
        case SyntaxKind::ForExpr: binder = "for"; break;
        case SyntaxKind::MatchArm: binder = "a match arm"; break;
        case SyntaxKind::LetExpr: binder = "if let / while let"; break;
        default: break;
      }
      q.note(pad + "`" + snippet(n) + "` is the binding on line " + std::to_string(line) + " (" + binder + "): `" + ty + "`");
      if (site != syntax::kNoNode && q.tree.at(site).kind == SyntaxKind::LetStmt) {
        syntax::SyntaxNode init;
        for (syntax::SyntaxNode c : q.tree.node(site).children()) {
          if (c.kind() >= SyntaxKind::Literal && c.kind() <= SyntaxKind::BuiltinExpr && c.kind() != SyntaxKind::MatchArmList &&
              c.kind() != SyntaxKind::MatchArm && c.kind() != SyntaxKind::RecordExprFieldList) {
            init = c;
          }
        }
        if (init) {
          q.note(pad + "  its initializer `" + snippet(init) + "`:");
          explain_chain(q, inf, init.id(), depth + 2);
        }
      }
      return;
    }
    default: q.note(pad + "`" + snippet(n) + "` is `" + ty + "`"); return;
  }
}

}  // namespace

sema::BodyInference* body_types(Query& q) {
  if (!q.types) {
    auto tb = std::make_shared<TypedBody>();
    tb->tdb = std::make_unique<sema::TyDb>(q.db, tb->arena, q.krate, q.module);
    tb->inference = std::make_unique<sema::BodyInference>(*tb->tdb, q.file, q.tree, q.file_tree(), q.offset);
    tb->ok = tb->inference->run();
    q.types = std::move(tb);
  }
  return q.types->ok ? q.types->inference.get() : nullptr;
}

std::vector<Match> dot_completions(Query& q, const CompletionContext& c) {
  std::vector<Match> out;
  sema::BodyInference* inf = body_types(q);
  if (inf == nullptr) return out;
  sema::TyId ty = sema::kUnknownTy;
  if (c.receiver != syntax::kNoNode) {
    ty = inf->type_of(c.receiver);
  } else {
    // A receiver inside a macro call's arguments.
    uint32_t tok = q.tree.token_at_offset(c.prefix_start);
    while (tok > 0 && q.tree.tokens()[tok - 1].end() > c.prefix_start) --tok;
    if (tok > 0 && q.tree.token_kind(tok - 1) == TokenKind::Dot) ty = token_receiver_type(q, *q.types, tok - 1);
  }
  if (q.explaining && c.receiver != syntax::kNoNode) {
    q.note("how the receiver got its type:");
    explain_chain(q, *inf, c.receiver, 1);
  }
  if (q.explaining) q.note("the receiver's type: `" + inf->render(ty) + "`");
  std::vector<sema::TyId> steps = q.explaining ? inf->probe().autoderef(ty) : std::vector<sema::TyId>{};
  if (steps.size() > 1) {
    std::string chain;
    for (sema::TyId st : steps) chain += (chain.empty() ? "`" : " → `") + inf->render(st) + "`";
    q.note("autoderef: " + chain);
  }
  if (inf->arena().is_unknown(ty)) {
    size_t shown = 0;
    for (const std::string& s : inf->trace) {
      if (shown++ < 40) q.note("inference: " + s);
    }
    return out;
  }
  // `.await` on a future.
  if (starts_with("await", c.prefix)) {
    sema::TyDb& tdb = inf->tdb();
    const sema::LangItems& l = tdb.lang();
    bool future = false;
    for (const sema::Def& tr : {l.future, l.into_future}) {
      if (!tr || future) continue;
      size_t snap = inf->arena().snapshot();
      future = inf->solver().solve(ty, inf->solver().fresh_bound(tr)) == sema::Certainty::Yes;
      inf->arena().rollback(snap);
    }
    if (future) {
      Match m;
      m.name = "await";
      m.kind = MatchKind::Builtin;
      m.context = "await";
      m.snippet = "await";
      m.relevance = Relevance::Inherent;
      out.push_back(std::move(m));
    }
  }
  // The type expected where the member is written (`let n: usize = v.le$0`).
  sema::TyId expected = sema::kUnknownTy;
  if (c.receiver != syntax::kNoNode) {
    syntax::NodeId member_expr = q.tree.at(c.receiver).parent;
    if (member_expr != syntax::kNoNode) expected = inf->expected_type_of(member_expr);
  }
  if (q.explaining && expected != sema::kUnknownTy)
    q.note("the type expected there: `" + inf->render(expected) + "`");
  std::vector<sema::Member> members = inf->probe().dot_members(ty);
  if (q.explaining) {
    size_t fields = 0, inherent = 0, traits = 0;
    std::vector<std::string> trait_names;
    for (const sema::Member& m : members) {
      if (m.kind == sema::Member::Kind::Field) ++fields;
      else if (!m.from_trait) ++inherent;
      else {
        ++traits;
        std::string tn(inf->tdb().name_of(*inf->tdb().loc_of(m.trait)));
        if (std::find(trait_names.begin(), trait_names.end(), tn) == trait_names.end()) trait_names.push_back(tn);
      }
    }
    std::string list;
    for (size_t i = 0; i < trait_names.size() && i < 12; ++i) list += (i ? ", " : "") + trait_names[i];
    if (trait_names.size() > 12) list += ", …";
    q.note(std::to_string(fields) + " fields, " + std::to_string(inherent) + " inherent methods, " + std::to_string(traits) +
           " trait methods" + (list.empty() ? "" : " (" + list + ")"));
  }
  for (const sema::Member& m : members) {
    if (m.kind != sema::Member::Kind::Field && m.kind != sema::Member::Kind::Method) continue;
    if (m.kind == sema::Member::Kind::Method && !m.has_self) continue;  // associated fns need `Type::`
    if (!starts_with(m.name, c.prefix)) continue;
    if (m.loc.file != sema::kNoIndex && !offered_in_completion(q, m.owner, m.loc)) continue;
    // Methods of a trait that may not apply (every type's `into`, whose where clause
    // waits for the target type) are offered too, ranked after the rest: the list for
    // an empty prefix holds all a longer prefix finds (clients filter it themselves),
    // unless the front end asks again for each prefix (racer's protocol).
    if ((m.uncertain || m.universal) && c.prefix.empty() && !q.complete_everything_at_empty_prefix)
      continue;
    out.push_back(member_match(q, *inf, m));
    out.back().type_fit = member_type_fit(*inf, m, expected);
  }
  if (!c.prefix.empty()) not_imported_trait_methods(q, *inf, ty, c.prefix, expected, out);
  return out;
}

void fit_locals_to_expected_type(Query& q, const CompletionContext& c,
                                 std::vector<Match>& matches) {
  if (c.kind != CompletionKind::Name) return;
  bool any_local = false;
  for (const Match& m : matches) any_local = any_local || m.relevance == Relevance::Local;
  if (!any_local) return;
  // The path expression being written.
  NodeId expr = q.tree.innermost_node_at(c.prefix_start);
  while (expr != syntax::kNoNode && q.tree.at(expr).kind != SyntaxKind::PathExpr) {
    SyntaxKind k = q.tree.at(expr).kind;
    if (k != SyntaxKind::NameRef && k != SyntaxKind::PathSegment && k != SyntaxKind::Path) return;
    expr = q.tree.at(expr).parent;
  }
  if (expr == syntax::kNoNode) return;
  sema::BodyInference* inf = body_types(q);
  if (inf == nullptr) return;
  sema::TyId expected = inf->expected_type_of(expr);
  sema::TyArena& a = inf->arena();
  if (!expects_something(a, expected)) return;
  std::string path = q.db.file_path(q.file);
  for (Match& m : matches) {
    if (m.relevance != Relevance::Local || m.path != path) continue;
    NodeId n = q.tree.innermost_node_at(m.offset);
    while (n != syntax::kNoNode && q.tree.at(n).kind != SyntaxKind::IdentPat &&
           q.tree.at(n).kind != SyntaxKind::SelfParam) {
      n = q.tree.at(n).parent;
    }
    if (n == syntax::kNoNode) continue;
    m.type_fit = type_fit(a, inf->type_of(n), expected);
  }
}

std::optional<Match> member_definition(Query& q, NodeId name_ref) {
  NodeId parent = q.tree.at(name_ref).parent;
  if (parent == syntax::kNoNode) return std::nullopt;
  SyntaxKind pk = q.tree.at(parent).kind;
  sema::BodyInference* inf = body_types(q);
  if (inf == nullptr) return std::nullopt;
  if (const sema::Member* m = inf->member_of(parent)) return member_match(q, *inf, *m);
  // Not resolved during inference (a name being written): look it up on the receiver.
  syntax::SyntaxNode p = q.tree.node(parent);
  syntax::SyntaxNode recv = p.first_child();
  if (!recv || recv.id() == name_ref) return std::nullopt;
  sema::TyId ty = inf->type_of(recv.id());
  if (q.explaining) q.note("the receiver's type: `" + inf->render(ty) + "`");
  if (inf->arena().is_unknown(ty)) return std::nullopt;
  std::string name(q.tree.node(name_ref).text());
  std::optional<sema::Member> m = pk == SyntaxKind::MethodCallExpr ? inf->probe().method(ty, name) : inf->probe().field(ty, name);
  if (!m && pk == SyntaxKind::FieldExpr) m = inf->probe().method(ty, name);
  if (!m) return std::nullopt;
  return member_match(q, *inf, *m);
}

std::optional<Match> member_definition_in_tokens(Query& q, uint32_t dot, std::string_view name) {
  sema::BodyInference* inf = body_types(q);
  if (inf == nullptr) return std::nullopt;
  sema::TyId ty = token_receiver_type(q, *q.types, dot);
  if (q.explaining) q.note("the receiver's type: `" + inf->render(ty) + "`");
  if (inf->arena().is_unknown(ty)) return std::nullopt;
  // A call's name is followed by `(`: a method first, else a field.
  const auto& toks = q.tree.tokens();
  bool call = dot + 2 < toks.size() && toks[dot + 2].kind == TokenKind::LParen;
  std::optional<sema::Member> m = call ? inf->probe().method(ty, name) : inf->probe().field(ty, name);
  if (!m) m = call ? inf->probe().field(ty, name) : inf->probe().method(ty, name);
  if (!m) return std::nullopt;
  return member_match(q, *inf, *m);
}

void blanket_assoc_items(Query& q, const sema::Def& type_def, std::string_view prefix, const std::set<std::string>& have,
                         std::vector<Match>& out) {
  sema::TyArena arena;
  sema::TyDb tdb(q.db, arena, q.krate, q.module);
  sema::TraitSolver solver(tdb, {});
  sema::MethodProbe probe(solver, sema::traits_in_scope(tdb));
  sema::TyId self = sema::kUnknownTy;
  if (type_def.kind == sema::DefKind::BuiltinType) {
    self = arena.builtin(static_cast<sema::BuiltinType>(type_def.index));
  } else if (std::optional<sema::ItemLoc> loc = tdb.loc_of(type_def)) {
    index::ItemKind k = tdb.item(*loc).kind;
    if (k != index::ItemKind::Struct && k != index::ItemKind::Enum && k != index::ItemKind::Union) return;
    std::vector<sema::TyId> args;
    for (size_t i = 0; i < tdb.adt(type_def).params.size(); ++i) args.push_back(arena.fresh());
    self = arena.adt(type_def, std::move(args));
  }
  if (self == sema::kUnknownTy) return;
  for (const sema::Member& m : probe.assoc_members(self)) {
    if (!m.from_trait || have.count(m.name) || m.def_loc.file == sema::kNoIndex) continue;
    if ((m.uncertain || m.universal) && prefix.empty() && !q.complete_everything_at_empty_prefix)
      continue;
    if (!starts_with(m.name, prefix)) continue;
    Match match = match_for_item(
        q.db, m.def_loc, m.uncertain || m.universal ? Relevance::Speculative : Relevance::Trait);
    out.push_back(std::move(match));
  }
}

std::string type_at_cursor(Query& q, std::string* what) {
  uint32_t anchor = q.offset > 0 ? q.offset - 1 : 0;
  // Prefer the token the cursor is on (its start), else the one just before.
  const auto& toks = q.tree.tokens();
  uint32_t tok = q.tree.token_at_offset(q.offset);
  if (tok < toks.size() && toks[tok].start <= q.offset && q.offset < toks[tok].end()) anchor = q.offset;
  NodeId n = q.tree.innermost_node_at(anchor);
  sema::BodyInference* inf = body_types(q);
  if (inf == nullptr) return "{unknown}";
  // On a type written in the body (`let n: u32`, `f::<T>()`, `x as u8`): that type.
  for (NodeId t = n; t != syntax::kNoNode; t = q.tree.at(t).parent) {
    SyntaxKind k = q.tree.at(t).kind;
    if (k >= SyntaxKind::PathType && k <= SyntaxKind::MacroType) {
      if (what) *what = std::string(q.tree.node(t).text());
      return inf->render(inf->written_type(t));
    }
    // Within a path's generic arguments the type is the innermost one; past an
    // expression, a pattern or an item, no type encloses the cursor.
    if (k != SyntaxKind::Path && k != SyntaxKind::PathSegment && k != SyntaxKind::NameRef &&
        k != SyntaxKind::GenericArgList && k != SyntaxKind::TypeArg) {
      break;
    }
  }
  // The innermost expression or pattern holding the cursor that was inferred.
  while (n != syntax::kNoNode && !inf->inferred(n)) n = q.tree.at(n).parent;
  if (n == syntax::kNoNode) return "{unknown}";
  if (what) *what = std::string(q.tree.node(n).text());
  return inf->render(inf->type_of(n));
}

}  // namespace ferret::ide

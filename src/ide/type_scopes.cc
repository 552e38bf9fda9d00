// Self:: and T:: through impls, traits and bounds.
#include "ide/type_scopes.h"

#include <algorithm>
#include <set>

#include "ide/assoc_matches.h"
#include "ide/completion.h"
#include "ide/completion_context.h"
#include "ide/item_matches.h"
#include "sema/scope_lookup.h"

namespace ferret::ide {

using sema::Def;
using sema::DefKind;
using sema::Namespace;
using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::SyntaxNode;

namespace {

// Items of an impl or trait block (fns, consts, types) not offered yet.
void block_items(Query& q, sema::CrateId owner, sema::FileId file, uint32_t block, Relevance rel,
                 std::set<std::string>& seen, std::vector<Match>& out) {
  for_each_usable_assoc_item(q, owner, file, block, nullptr,
                             [&](const sema::ItemLoc& loc, std::string_view name) {
                               if (seen.insert(std::string(name)).second)
                                 out.push_back(match_for_item(q.db, loc, rel));
                             });
}

// The items of `trait` and of its supertraits, to any depth: each trait once, so
// cyclic supertraits (which rustc rejects) end.
void trait_items_rec(Query& q, const Def& trait, std::set<std::string>& seen,
                     std::vector<Match>& out, std::vector<Def>& visited) {
  sema::DatabaseMaps maps(q.db);
  std::vector<Def> todo{trait};
  while (!todo.empty()) {
    Def tr = todo.back();
    todo.pop_back();
    if (tr.kind != DefKind::Item || std::find(visited.begin(), visited.end(), tr) != visited.end())
      continue;
    visited.push_back(tr);
    const sema::ItemLoc& loc = q.db.def_map(tr.krate).items[tr.index];
    const index::ItemTree& t = q.db.item_tree(loc.file);
    const index::Item& it = t.items[loc.item];
    if (it.kind != index::ItemKind::Trait) continue;
    block_items(q, tr.krate, loc.file, loc.item, Relevance::Trait, seen, out);
    if (it.data == index::kNone) continue;
    const index::TraitData& d = t.traits[it.data];
    // Depth first, supertraits in the order written.
    size_t first = todo.size();
    for (uint32_t b = d.supertraits_begin; b < d.supertraits_end; ++b) {
      const index::TypeBound& bound = t.bounds[b];
      if (bound.kind != index::BoundKind::Trait || bound.path == index::kNone) continue;
      sema::PathResolution r = sema::resolve_path(maps, tr.krate, loc.module,
                                                  sema::simple_path(q.db, t, bound.path), false);
      if (r.complete) todo.push_back(r.defs[Namespace::Types].def);
    }
    std::reverse(todo.begin() + static_cast<std::ptrdiff_t>(first), todo.end());
  }
}

Def resolve_syntax_path(Query& q, SyntaxNode path) {
  bool self_type = false;
  sema::SimplePath p = syntax_path(q, path.id(), syntax::kNoNode, self_type);
  if (self_type || p.segments.empty()) return {};
  sema::DatabaseMaps maps(q.db);
  sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module, p, false);
  return r.complete ? r.defs[Namespace::Types].def : Def{};
}

void bounds_of(Query& q, SyntaxNode list, std::vector<Def>& traits) {
  if (!list) return;
  for (SyntaxNode b : list.children()) {
    SyntaxNode inner = b;
    while (inner.child(SyntaxKind::TypeBound)) inner = inner.child(SyntaxKind::TypeBound);
    SyntaxNode pt = inner.child(SyntaxKind::PathType);
    if (!pt || !pt.child(SyntaxKind::Path)) continue;
    Def d = resolve_syntax_path(q, pt.child(SyntaxKind::Path));
    if (d) traits.push_back(d);
  }
}

}  // namespace

void trait_items_with_supertraits(Query& q, const Def& trait, std::vector<Match>& out) {
  std::set<std::string> seen;
  std::vector<Def> visited;
  trait_items_rec(q, trait, seen, out, visited);
}

bool generic_param_bounds(Query& q, std::string_view name, std::vector<Def>& traits, uint32_t at) {
  bool found = false;
  if (at == UINT32_MAX) at = q.offset;
  uint32_t anchor = at > 0 ? at - 1 : 0;
  for (NodeId n = q.tree.innermost_node_at(anchor); n != syntax::kNoNode; n = q.tree.at(n).parent) {
    SyntaxNode node = q.tree.node(n);
    if (!syntax::is_item(node.kind())) continue;
    if (SyntaxNode gl = node.child(SyntaxKind::GenericParamList)) {
      for (SyntaxNode p : gl.children()) {
        if (p.kind() != SyntaxKind::TypeParam) continue;
        SyntaxNode nm = p.child(SyntaxKind::Name);
        if (!nm || nm.text() != name) continue;
        found = true;
        bounds_of(q, p.child(SyntaxKind::TypeBoundList), traits);
      }
    }
    if (SyntaxNode wc = node.child(SyntaxKind::WhereClause)) {
      for (SyntaxNode pred : wc.children()) {
        SyntaxNode ty = pred.first_child();
        while (ty && ty.kind() == SyntaxKind::ForBinder) ty = ty.next_sibling();
        if (!ty || ty.kind() != SyntaxKind::PathType || ty.text() != name) continue;
        bounds_of(q, pred.child(SyntaxKind::TypeBoundList), traits);
      }
    }
  }
  return found;
}

bool generic_qualifier_items(Query& q, std::string_view name, std::vector<Match>& out) {
  std::vector<Def> traits;
  if (!generic_param_bounds(q, name, traits)) return false;
  q.note("`" + std::string(name) + "` is a generic parameter: the items of its bounds");
  std::set<std::string> seen;
  std::vector<Def> visited;
  for (const Def& t : traits) trait_items_rec(q, t, seen, out, visited);
  return true;
}

namespace {

// The items written in the impl or trait around the cursor.
void own_block_items(Query& q, uint32_t block, Relevance rel, std::set<std::string>& seen,
                     std::vector<Match>& out) {
  if (!q.macro_body_tree) {
    block_items(q, q.krate, q.file, block, rel, seen, out);
    return;
  }
  // In a macro body the block is in the rewritten text's own tree.
  const index::ItemTree& t = *q.macro_body_tree;
  t.for_each_child(block, [&](uint32_t c) {
    const index::Item& it = t.items[c];
    if (it.kind != index::ItemKind::Fn && it.kind != index::ItemKind::Const &&
        it.kind != index::ItemKind::TypeAlias)
      return;
    if (seen.insert(std::string(t.str(it.name))).second) {
      out.push_back(match_for_tree_item(q.db, t, q.file, c, rel));
    }
  });
}

}  // namespace

bool self_qualifier_items(Query& q, std::vector<Match>& out) {
  const index::ItemTree& t = q.file_tree();
  uint32_t best = q.enclosing_impl_or_trait();
  if (best == index::kNone) return false;
  const index::Item& it = t.items[best];
  std::set<std::string> seen;
  std::vector<Def> visited;
  sema::DatabaseMaps maps(q.db);
  if (it.kind == index::ItemKind::Trait) {
    q.note("`Self` in a trait: the trait's items and its supertraits'");
    Def trait = sema::lookup_lexical(maps, q.krate, q.module,
                                     q.db.names().intern(t.str(it.name)))[Namespace::Types]
                    .def;
    own_block_items(q, best, Relevance::Trait, seen, out);
    if (trait) trait_items_rec(q, trait, seen, out, visited);
    return true;
  }
  q.note("`Self` in an impl: its items, its trait's, its self type's");
  own_block_items(q, best, Relevance::Inherent, seen, out);
  const index::ImplData& d = t.impls[it.data];
  if (d.trait_path != index::kNone) {
    sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module,
                                                sema::simple_path(q.db, t, d.trait_path), false);
    if (r.complete) trait_items_rec(q, r.defs[Namespace::Types].def, seen, out, visited);
  }
  Def self_def = enclosing_self_type(q);
  if (self_def) {
    std::vector<Match> more;
    collect_assoc_items(q, self_def, more);
    for (Match& m : more) {
      if (seen.insert(m.name).second) out.push_back(std::move(m));
    }
  } else if (d.self_type != index::kNone && t.types[d.self_type].kind == index::TypeKind::Path) {
    // `impl<I: Iterator> Trait for I`: the self type is a parameter; its bounds count.
    const index::TypeRef& st = t.types[d.self_type];
    const index::Path& p = t.paths[st.a];
    if (p.segments_end - p.segments_begin == 1) {
      std::vector<Def> traits;
      generic_param_bounds(q, t.str(t.segments[p.segments_begin].name), traits, it.start + 2);
      for (const Def& tr : traits) trait_items_rec(q, tr, seen, out, visited);
    }
  }
  return true;
}

}  // namespace ferret::ide

// item_tree_is_well_formed: one pass over each table checking its references, ranges
// no longer in total than their table (so every walk is linear), then types and paths
// shown to refer only to what the builder made before them (so no walk loops); cfg
// expressions, like items, refer only backwards.
#include "index/item_tree_check.h"

#include <algorithm>
#include <vector>

namespace ferret::index {

namespace {

class Checker {
 public:
  explicit Checker(const ItemTree& t) : t_(t) {}

  bool run() {
    strings();
    items();
    attrs(t_.attrs);
    attrs(t_.file_attrs);
    cfgs();
    paths();
    types();
    signatures();
    declarations();
    return ok_ && acyclic();
  }

 private:
  // A table's ranges: together no longer than the table (the builder's never overlap),
  // so walking every owner's range is linear in the tree's size.
  struct Claims {
    uint64_t size;
    uint64_t claimed = 0;
    explicit Claims(size_t n) : size(n) {}
  };

  void fail() { ok_ = false; }
  void str(Str s) {
    if (uint64_t{s.offset} + s.size > t_.strings.size()) fail();
  }
  // An optional reference (kNone or an index below n).
  void ref(uint32_t i, size_t n) {
    if (i != kNone && i >= n) fail();
  }
  template <typename Enum>
  void known(Enum v, Enum last) {
    if (static_cast<uint32_t>(v) > static_cast<uint32_t>(last)) fail();
  }
  // [begin, end) of a table, counted against its length.
  void range(uint32_t begin, uint32_t end, Claims& claims) {
    if (begin > end || end > claims.size) return fail();
    claims.claimed += end - begin;
    if (claims.claimed > claims.size) fail();
  }

  void strings() {
    str(t_.file_docs);
    ref(t_.file_cfg, t_.cfgs.size());
  }

  void items() {
    Claims attr_claims(t_.attrs.size());
    const uint32_t n = static_cast<uint32_t>(t_.items.size());
    // Preorder: subtrees nest, and an item's parent is the innermost subtree holding it
    // (so every walk down or up the tree ends, visiting each item once).
    std::vector<uint32_t> open;
    for (uint32_t i = 0; i < n && ok_; ++i) {
      const Item& it = t_.items[i];
      known(it.kind, ItemKind::Block);
      known(it.vis, VisKind::InPath);
      str(it.name);
      str(it.signature);
      str(it.docs);
      while (!open.empty() && t_.items[open.back()].subtree_end <= i) open.pop_back();
      uint32_t parent = open.empty() ? kNone : open.back();
      if (it.parent != parent || it.subtree_end <= i || it.subtree_end > n ||
          (parent != kNone && it.subtree_end > t_.items[parent].subtree_end)) {
        fail();
      }
      open.push_back(i);
      ref(it.cfg, t_.cfgs.size());
      ref(it.vis_path, t_.paths.size());
      range(it.attrs_begin, it.attrs_end, attr_claims);
      ref(it.data, data_table_size(it.kind));
    }
  }

  size_t data_table_size(ItemKind kind) const {
    switch (kind) {
      case ItemKind::Fn: return t_.fns.size();
      case ItemKind::Struct:
      case ItemKind::Union:
      case ItemKind::Enum:
      case ItemKind::Variant: return t_.adts.size();
      case ItemKind::Field: return t_.fields.size();
      case ItemKind::Trait:
      case ItemKind::TraitAlias: return t_.traits.size();
      case ItemKind::Impl: return t_.impls.size();
      case ItemKind::TypeAlias: return t_.type_aliases.size();
      case ItemKind::Const:
      case ItemKind::Static: return t_.consts.size();
      case ItemKind::Module: return t_.modules.size();
      case ItemKind::Use: return t_.uses.size();
      case ItemKind::ExternCrate: return t_.extern_crates.size();
      case ItemKind::MacroRules:
      case ItemKind::MacroDef:
      case ItemKind::MacroCall: return t_.macros.size();
      case ItemKind::ExternBlock:
      case ItemKind::Block: return 0;
    }
    return 0;
  }

  void attrs(const Column<Attr>& table) {
    for (const Attr& a : table) {
      known(a.kind, AttrKind::Stable);
      ref(a.cfg, t_.cfgs.size());
      str(a.value);
    }
  }

  // A cfg expression's children come before it.
  void cfgs() {
    Claims claims(t_.cfg_children.size());
    for (uint32_t c = 0; c < t_.cfgs.size() && ok_; ++c) {
      const CfgExpr& e = t_.cfgs[c];
      known(e.kind, CfgKind::Invalid);
      str(e.key);
      str(e.value);
      range(e.children_begin, e.children_end, claims);
      for (uint32_t k = e.children_begin; k < e.children_end && ok_; ++k) {
        if (t_.cfg_children[k] >= c) fail();
      }
    }
  }

  void paths() {
    Claims segment_claims(t_.segments.size());
    Claims arg_claims(t_.generic_args.size());
    for (const Path& p : t_.paths) {
      known(p.kind, PathKind::Absolute);
      range(p.segments_begin, p.segments_end, segment_claims);
      ref(p.qualified_self, t_.types.size());
      ref(p.qualified_trait, t_.paths.size());
    }
    for (const PathSegment& s : t_.segments) {
      str(s.name);
      range(s.args_begin, s.args_end, arg_claims);
      ref(s.fn_sugar_ret, t_.types.size());
    }
    for (const GenericArg& g : t_.generic_args) {
      known(g.kind, GenericArgKind::AssocBound);
      str(g.name);
      ref(g.type, t_.types.size());
      range(g.bounds_begin, g.bounds_end, bound_claims_);
    }
    for (const TypeBound& b : t_.bounds) {
      known(b.kind, BoundKind::Use);
      ref(b.path, t_.paths.size());
      str(b.lifetime);
      str(b.for_lifetimes);
    }
  }

  static bool lists_types(TypeKind k) { return k == TypeKind::Tuple || k == TypeKind::FnPtr; }
  static bool lists_bounds(TypeKind k) {
    return k == TypeKind::ImplTrait || k == TypeKind::DynTrait;
  }

  void types() {
    Claims list_claims(t_.type_lists.size());
    for (const TypeRef& r : t_.types) {
      known(r.kind, TypeKind::Error);
      str(r.text);
      ref(r.a, r.kind == TypeKind::Path ? t_.paths.size() : t_.types.size());
      if (lists_types(r.kind)) {
        range(r.list_begin, r.list_end, list_claims);
      } else if (lists_bounds(r.kind)) {
        range(r.list_begin, r.list_end, bound_claims_);
      } else if (r.list_begin != r.list_end) {
        fail();
      }
    }
    for (uint32_t ty : t_.type_lists) ref(ty, t_.types.size());
  }

  void signatures() {
    Claims param_claims(t_.generic_params.size());
    Claims where_claims(t_.where_predicates.size());
    Claims fn_param_claims(t_.params.size());
    const size_t n_types = t_.types.size();
    const size_t n_generics = t_.generics.size();
    for (const GenericParam& p : t_.generic_params) {
      known(p.kind, GenericParamKind::Const);
      str(p.name);
      str(p.default_text);
      ref(p.type, n_types);
      range(p.bounds_begin, p.bounds_end, bound_claims_);
    }
    for (const WherePredicate& w : t_.where_predicates) {
      ref(w.type, n_types);
      str(w.lifetime);
      str(w.for_lifetimes);
      range(w.bounds_begin, w.bounds_end, bound_claims_);
    }
    for (const Generics& g : t_.generics) {
      range(g.params_begin, g.params_end, param_claims);
      range(g.where_begin, g.where_end, where_claims);
    }
    for (const Param& p : t_.params) {
      str(p.pattern);
      str(p.type_text);
      ref(p.type, n_types);
    }
    for (const FnData& f : t_.fns) {
      ref(f.generics, n_generics);
      range(f.params_begin, f.params_end, fn_param_claims);
      ref(f.ret_type, n_types);
      known(f.self_kind, SelfKind::Typed);
      ref(f.self_type, n_types);
      str(f.abi);
    }
    for (const FieldData& f : t_.fields) ref(f.type, n_types);
    for (const AdtData& a : t_.adts) {
      ref(a.generics, n_generics);
      str(a.discriminant);
    }
    for (const TraitData& tr : t_.traits) {
      ref(tr.generics, n_generics);
      range(tr.supertraits_begin, tr.supertraits_end, bound_claims_);
    }
    for (const ImplData& im : t_.impls) {
      ref(im.generics, n_generics);
      ref(im.self_type, n_types);
      ref(im.trait_path, t_.paths.size());
    }
    for (const TypeAliasData& ta : t_.type_aliases) {
      ref(ta.generics, n_generics);
      range(ta.bounds_begin, ta.bounds_end, bound_claims_);
      ref(ta.type, n_types);
    }
    for (const ConstData& c : t_.consts) {
      ref(c.type, n_types);
      ref(c.generics, n_generics);
    }
  }

  void declarations() {
    Claims import_claims(t_.imports.size());
    for (const Import& im : t_.imports) {
      known(im.kind, ImportKind::Glob);
      ref(im.path, t_.paths.size());
      str(im.alias);
      str(im.text);
    }
    for (const UseData& u : t_.uses) range(u.imports_begin, u.imports_end, import_claims);
    for (const ExternCrateData& e : t_.extern_crates) {
      str(e.crate_name);
      str(e.alias);
    }
    for (const MacroData& m : t_.macros) {
      ref(m.path, t_.paths.size());
      str(m.params);
      str(m.body);
    }
    for (const ModuleData& m : t_.modules) str(m.path_attr);
  }

  // Types and paths refer to each other (a path's generic arguments are types, a path
  // type names a path): no walk through them may come back to where it started. The
  // builder makes every part before what holds it, which gives an order to check:
  // a path refers only to earlier paths; `reach[p]` is the last type path p reaches
  // through paths alone; a type refers only to earlier types and to paths reaching
  // only types before it. Along any walk the type index then strictly decreases.
  bool acyclic() const {
    const uint32_t n_paths = static_cast<uint32_t>(t_.paths.size());
    constexpr uint32_t kNoType = UINT32_MAX;
    std::vector<uint32_t> reach(n_paths, kNoType);
    auto later = [](uint32_t a, uint32_t b) {
      return a == kNoType ? b : (b == kNoType ? a : std::max(a, b));
    };
    for (uint32_t p = 0; p < n_paths; ++p) {
      bool ok = true;
      uint32_t r = kNoType;
      for_each_path_successor(
          p, [&](uint32_t ty) { r = later(r, ty); },
          [&](uint32_t q) {
            if (q >= p)
              ok = false;
            else
              r = later(r, reach[q]);
          });
      if (!ok) return false;
      reach[p] = r;
    }
    for (uint32_t ty = 0; ty < t_.types.size(); ++ty) {
      bool ok = true;
      for_each_type_successor(
          ty, [&](uint32_t inner) { ok = ok && inner < ty; },
          [&](uint32_t p) { ok = ok && (reach[p] == kNoType || reach[p] < ty); });
      if (!ok) return false;
    }
    return true;
  }

  template <typename OnPath>
  void for_each_bound_path(uint32_t begin, uint32_t end, OnPath&& path) const {
    for (uint32_t b = begin; b < end; ++b) {
      if (t_.bounds[b].path != kNone) path(t_.bounds[b].path);
    }
  }

  template <typename OnType, typename OnPath>
  void for_each_path_successor(uint32_t p, OnType&& type, OnPath&& path) const {
    auto ty = [&](uint32_t x) {
      if (x != kNone) type(x);
    };
    const Path& x = t_.paths[p];
    ty(x.qualified_self);
    if (x.qualified_trait != kNone) path(x.qualified_trait);
    for (uint32_t s = x.segments_begin; s < x.segments_end; ++s) {
      const PathSegment& seg = t_.segments[s];
      ty(seg.fn_sugar_ret);
      for (uint32_t a = seg.args_begin; a < seg.args_end; ++a) {
        ty(t_.generic_args[a].type);
        for_each_bound_path(t_.generic_args[a].bounds_begin, t_.generic_args[a].bounds_end, path);
      }
    }
  }

  template <typename OnType, typename OnPath>
  void for_each_type_successor(uint32_t node, OnType&& type, OnPath&& path) const {
    const TypeRef& r = t_.types[node];
    if (r.kind == TypeKind::Path) {
      if (r.a != kNone) path(r.a);
    } else if (r.a != kNone) {
      type(r.a);
    }
    if (lists_types(r.kind)) {
      for (uint32_t k = r.list_begin; k < r.list_end; ++k) {
        if (t_.type_lists[k] != kNone) type(t_.type_lists[k]);
      }
    } else if (lists_bounds(r.kind)) {
      for_each_bound_path(r.list_begin, r.list_end, path);
    }
  }

  const ItemTree& t_;
  bool ok_ = true;
  Claims bound_claims_{t_.bounds.size()};
};

}  // namespace

bool item_tree_is_well_formed(const ItemTree& tree) {
  return Checker(tree).run();
}

}  // namespace ferret::index

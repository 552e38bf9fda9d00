// Lowering written types to type terms (see ty_lower.h).
#include "sema/ty_lower.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_set>

#include "sema/scope_lookup.h"
#include "syntax/nesting_limit.h"

namespace ferret::sema {

namespace {

constexpr int kMaxDepth = kMaxNesting;  // written types nested, aliases expanded

using index::kNone;

PathResolution resolve_type_path(TyDb& t, const TypeContext& ctx, uint32_t path) {
  DatabaseMaps maps(t.db);
  return resolve_path(maps, ctx.krate, ctx.module, simple_path(t.db, *ctx.tree, path), false);
}

TyId find_param(const TypeContext& ctx, std::string_view name) {
  for (auto it = ctx.params.rbegin(); it != ctx.params.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return kUnknownTy;
}

TyId lower(TyDb& t, const TypeContext& ctx, uint32_t ty, int depth);

std::vector<TyId> segment_args(TyDb& t, const TypeContext& ctx, const index::PathSegment& seg,
                               int depth) {
  std::vector<TyId> out;
  for (uint32_t a = seg.args_begin; a < seg.args_end; ++a) {
    const index::GenericArg& g = ctx.tree->generic_args[a];
    if (g.kind == index::GenericArgKind::Type) out.push_back(lower(t, ctx, g.type, depth + 1));
    if (g.kind == index::GenericArgKind::Const) {
      std::string_view text = ctx.tree->str(g.name);
      TyId param = find_param(ctx, text);
      out.push_back(param != kUnknownTy ? param : t.arena.const_value(array_length(t, ctx, text)));
    }
  }
  return out;
}

std::vector<TyId> last_segment_args(TyDb& t, const TypeContext& ctx, uint32_t path, int depth) {
  const index::Path& p = ctx.tree->paths[path];
  if (p.segments_end == p.segments_begin) return {};
  return segment_args(t, ctx, ctx.tree->segments[p.segments_end - 1], depth);
}

TraitBound trait_ref(TyDb& t, const TypeContext& ctx, uint32_t path, int depth) {
  TraitBound out;
  if (path == kNone || ctx.tree == nullptr || depth > kMaxDepth) return out;
  PathResolution r = resolve_type_path(t, ctx, path);
  Def d = r.complete ? r.defs[Namespace::Types].def : Def{};
  if (!d || d.kind != DefKind::Item) return out;
  std::optional<ItemLoc> loc = t.loc_of(d);
  if (!loc || t.item(*loc).kind != index::ItemKind::Trait) return out;
  out.trait = d;
  const index::Path& p = ctx.tree->paths[path];
  if (p.segments_end == p.segments_begin) return out;
  const index::PathSegment& last = ctx.tree->segments[p.segments_end - 1];
  if (last.fn_sugar) {  // Fn(A, B) -> C
    out.args.push_back(t.arena.tuple(segment_args(t, ctx, last, depth)));
    out.assoc.emplace_back("Output", last.fn_sugar_ret != kNone
                                         ? lower(t, ctx, last.fn_sugar_ret, depth + 1)
                                         : t.arena.unit());
    return out;
  }
  for (uint32_t a = last.args_begin; a < last.args_end; ++a) {
    const index::GenericArg& g = ctx.tree->generic_args[a];
    if (g.kind == index::GenericArgKind::Type) out.args.push_back(lower(t, ctx, g.type, depth + 1));
    if (g.kind == index::GenericArgKind::AssocType) {
      out.assoc.emplace_back(std::string(ctx.tree->str(g.name)), lower(t, ctx, g.type, depth + 1));
    }
  }
  return out;
}

// `dyn A + B`, `impl A + B`, a bare trait used as a type.
TyId trait_object(TyDb& t, const TypeContext& ctx, TyKind kind, uint32_t begin, uint32_t end,
                  int depth) {
  TyData d;
  d.kind = kind;
  for (uint32_t b = begin; b < end; ++b) {
    const index::TypeBound& bound = ctx.tree->bounds[b];
    if (bound.kind != index::BoundKind::Trait) continue;
    TraitBound tb = trait_ref(t, ctx, bound.path, depth + 1);
    if (tb.trait) d.bounds.push_back(std::move(tb));
  }
  if (d.bounds.empty()) return kUnknownTy;
  return t.arena.intern(d);
}

// What a resolved type path names, as rustc reads it: inside `type Result<T> =
// Result<T, E>;` the name means the prelude's; a module named like a primitive
// (`use core::str;`) leaves the primitive.
Def type_def(TyDb& t, const TypeContext& ctx, const SimplePath& sp, const index::Path& p,
             const PathResolution& r) {
  Def def = r.defs[Namespace::Types].def;
  DatabaseMaps maps(t.db);
  if (def && def == ctx.expanding_alias && sp.segments.size() == 1) {
    const DefMap& dm = t.db.def_map(ctx.krate);
    def = dm.prelude ? lookup_in_module(maps, dm.prelude, sp.segments[0], ctx.krate,
                                        ctx.module)[Namespace::Types]
                           .def
                     : Def{};
  }
  if (def.kind == DefKind::Module && sp.segments.size() == 1 && p.kind == index::PathKind::Plain) {
    def = builtin_type(t.db.names().name(sp.segments[0]));
  }
  return def;
}

// The type alias a path written in ctx names, if it names one.
std::optional<std::pair<Def, ItemLoc>> alias_named(TyDb& t, const TypeContext& ctx, uint32_t path) {
  const index::Path& p = ctx.tree->paths[path];
  if (p.qualified_self != kNone || p.segments_end == p.segments_begin) return std::nullopt;
  std::string_view first = ctx.tree->str(ctx.tree->segments[p.segments_begin].name);
  if (p.kind == index::PathKind::Plain && (first == "Self" || find_param(ctx, first) != kUnknownTy))
    return std::nullopt;
  SimplePath sp = simple_path(t.db, *ctx.tree, path);
  DatabaseMaps maps(t.db);
  PathResolution r = resolve_path(maps, ctx.krate, ctx.module, sp, false);
  if (!r.complete) return std::nullopt;
  Def def = type_def(t, ctx, sp, p, r);
  if (def.kind != DefKind::Item) return std::nullopt;
  std::optional<ItemLoc> loc = t.loc_of(def);
  if (!loc || t.item(*loc).kind != index::ItemKind::TypeAlias) return std::nullopt;
  return std::make_pair(def, *loc);
}

// Alias `def` applied to `args`. A chain of aliases (`type A<T> = B<Vec<T>>;`) is
// followed in a loop, to any length, each alias once: a cycle (which rustc rejects)
// is unknown.
TyId alias(TyDb& t, Def def, ItemLoc loc, std::vector<TyId> args, int depth) {
  std::unordered_set<uint64_t> seen;  // chains may be long: linear, not quadratic
  for (;;) {
    if (!seen.insert((static_cast<uint64_t>(def.krate) << 32) | def.index).second)
      return kUnknownTy;
    const index::ItemTree& tree = t.tree_of(loc);
    const index::Item& it = tree.items[loc.item];
    if (it.data == kNone || depth > kMaxDepth) return kUnknownTy;
    const index::TypeAliasData& ta = tree.type_aliases[it.data];
    if (ta.type == kNone) return kUnknownTy;
    TypeContext actx = t.context_at(loc, def.krate);
    actx.expanding_alias = def;
    GenericDefs g = add_generics(t, actx, ta.generics, TyDb::owner_key(loc));
    Subst s;
    for (size_t i = 0; i < g.params.size(); ++i)
      s.emplace_back(g.params[i], i < args.size() ? args[i] : t.arena.fresh());
    const index::TypeRef& body = actx.tree->types[ta.type];
    if (body.kind == index::TypeKind::Path && body.a != kNone) {
      if (std::optional<std::pair<Def, ItemLoc>> next = alias_named(t, actx, body.a)) {
        std::vector<TyId> next_args = last_segment_args(t, actx, body.a, depth);
        for (TyId& x : next_args) x = t.arena.substitute(x, s);
        def = next->first;
        loc = next->second;
        args = std::move(next_args);
        continue;
      }
    }
    // The body is lowered once per query (aliases naming others several times, as
    // `type A = (B, B);` chains do, would otherwise cost exponential time).
    if (t.alias_bodies.try_emplace(TyDb::owner_key(loc)).second) {
      TyId body_ty = lower(t, actx, ta.type, depth + 1);
      t.alias_bodies[TyDb::owner_key(loc)].body = body_ty;  // the map may have grown
    }
    return t.arena.substitute(t.alias_bodies[TyDb::owner_key(loc)].body, s);
  }
}

TyId lower_path(TyDb& t, const TypeContext& ctx, uint32_t path, int depth) {
  const index::ItemTree& tree = *ctx.tree;
  const index::Path& p = tree.paths[path];
  if (p.qualified_self != kNone) {
    TyId self = lower(t, ctx, p.qualified_self, depth + 1);
    TraitBound tr =
        p.qualified_trait != kNone ? trait_ref(t, ctx, p.qualified_trait, depth + 1) : TraitBound{};
    TyId cur = self;
    for (uint32_t s = p.segments_begin; s < p.segments_end; ++s) {
      bool first = s == p.segments_begin;
      cur =
          t.arena.projection(first ? tr.trait : Def{}, std::string(tree.str(tree.segments[s].name)),
                             cur, first ? tr.args : std::vector<TyId>{});
    }
    return cur;
  }
  uint32_t n = p.segments_end - p.segments_begin;
  if (n == 0) return kUnknownTy;
  std::string_view first = tree.str(tree.segments[p.segments_begin].name);
  if (p.kind == index::PathKind::Plain) {
    TyId base = kUnknownTy;
    Def trait;
    if (first == "Self" && ctx.self_ty != kUnknownTy) {
      base = ctx.self_ty;
      trait = ctx.self_trait;
    } else {
      base = find_param(ctx, first);
    }
    if (base != kUnknownTy) {
      // `Self::Item`, `T::Item`: projections on the trait that declares the name among
      // the parameter's bounds (found later when not written here).
      for (uint32_t s = p.segments_begin + 1; s < p.segments_end; ++s) {
        std::string name(tree.str(tree.segments[s].name));
        Def tr;
        std::vector<TyId> args;
        if (s == p.segments_begin + 1 && trait) {
          tr = t.trait_declaring(trait, name);
          if (tr == trait) args = ctx.self_trait_args;
        }
        for (size_t i = 0; !tr && i < ctx.param_bounds.size() && depth < kMaxDepth; ++i) {
          const TypeContext::ParamBound& pb = ctx.param_bounds[i];
          if (pb.param != base) continue;
          tr = t.trait_declaring(pb.trait, name);
          if (tr && tr == pb.trait && pb.tree != nullptr) {
            TypeContext bctx = ctx;
            bctx.tree = pb.tree;
            args = trait_ref(t, bctx, pb.path, depth + 1).args;
          }
        }
        base = t.arena.projection(tr, std::move(name), base, std::move(args));
      }
      return base;
    }
  }
  DatabaseMaps maps(t.db);
  SimplePath sp = simple_path(t.db, tree, path);
  PathResolution r = resolve_path(maps, ctx.krate, ctx.module, sp, false);
  if (!r.complete) {
    // `Type::Assoc` (the prefix names a type): a projection on it.
    if (r.resolved > 0 && r.resolved < sp.segments.size() && r.stuck_on) {
      TyId base = kUnknownTy;
      Def d = r.stuck_on;
      if (d.kind == DefKind::BuiltinType) base = t.arena.builtin(static_cast<BuiltinType>(d.index));
      if (d.kind == DefKind::Item) {
        std::optional<ItemLoc> loc = t.loc_of(d);
        if (!loc) return kUnknownTy;
        index::ItemKind k = t.item(*loc).kind;
        if (k == index::ItemKind::Struct || k == index::ItemKind::Enum ||
            k == index::ItemKind::Union) {
          base = complete_adt_args(
              t, d, segment_args(t, ctx, tree.segments[p.segments_begin + r.resolved - 1], depth));
        } else if (k == index::ItemKind::TypeAlias) {
          base = alias(t, d, *loc, {}, depth);
        }
      }
      if (base == kUnknownTy) return kUnknownTy;
      for (size_t s = r.resolved; s < sp.segments.size(); ++s) {
        base = t.arena.projection(Def{}, std::string(t.db.names().name(sp.segments[s])), base);
      }
      return base;
    }
    return kUnknownTy;
  }
  Def def = type_def(t, ctx, sp, p, r);
  if (def.kind == DefKind::BuiltinType) return t.arena.builtin(static_cast<BuiltinType>(def.index));
  if (def.kind != DefKind::Item) return kUnknownTy;
  std::optional<ItemLoc> loc = t.loc_of(def);
  if (!loc) return kUnknownTy;
  switch (t.item(*loc).kind) {
    case index::ItemKind::Struct:
    case index::ItemKind::Enum:
    case index::ItemKind::Union:
      return complete_adt_args(t, def, last_segment_args(t, ctx, path, depth));
    case index::ItemKind::Trait: {  // a bare trait as a type (2015 edition)
      TyData d;
      d.kind = TyKind::Dyn;
      d.bounds.push_back(trait_ref(t, ctx, path, depth + 1));
      return d.bounds[0].trait ? t.arena.intern(d) : kUnknownTy;
    }
    case index::ItemKind::TypeAlias:
      return alias(t, def, *loc, last_segment_args(t, ctx, path, depth), depth);
    default: return kUnknownTy;
  }
}

}  // namespace

namespace {

// A const expression's value, as far as completion needs one: integer literals, paths to
// consts with such an initializer, `size_of::<T>()` of primitives (T may be Self), and
// + - * / % over those. Nullopt for anything else.
class ConstEval {
 public:
  ConstEval(TyDb& t, const TypeContext& ctx, std::string_view text, int depth)
      : t_(t), ctx_(ctx), s_(text), depth_(depth) {}

  std::optional<uint64_t> run() {
    std::optional<uint64_t> v = sum();
    skip();
    return pos_ == s_.size() ? v : std::nullopt;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::optional<uint64_t> sum() {
    std::optional<uint64_t> v = product();
    while (v) {
      if (eat('+')) {
        std::optional<uint64_t> r = product();
        v = r ? std::optional<uint64_t>(*v + *r) : std::nullopt;
      } else if (eat('-')) {
        std::optional<uint64_t> r = product();
        v = r && *r <= *v ? std::optional<uint64_t>(*v - *r) : std::nullopt;
      } else {
        break;
      }
    }
    return v;
  }
  std::optional<uint64_t> product() {
    std::optional<uint64_t> v = atom();
    while (v) {
      char op = 0;
      for (char c : {'*', '/', '%'}) {
        if (!op && eat(c)) op = c;
      }
      if (!op) break;
      std::optional<uint64_t> r = atom();
      if (!r || (op != '*' && *r == 0)) return std::nullopt;
      v = op == '*' ? *v * *r : op == '/' ? *v / *r : *v % *r;
    }
    return v;
  }
  std::optional<uint64_t> atom() {
    skip();
    if (eat('(')) {
      std::optional<uint64_t> v = sum();
      return eat(')') ? v : std::nullopt;
    }
    if (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
      uint64_t v = 0;
      while (pos_ < s_.size() &&
             (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
        if (s_[pos_] != '_') v = v * 10 + static_cast<uint64_t>(s_[pos_] - '0');
        ++pos_;
      }
      while (pos_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[pos_])))
        ++pos_;  // a suffix
      return v;
    }
    // A path, possibly `size_of::<T>()`.
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '_' || s_[pos_] == ':')) {
      if (s_[pos_] == ':' && pos_ + 2 < s_.size() && s_[pos_ + 1] == ':' && s_[pos_ + 2] == '<')
        break;
      ++pos_;
    }
    std::string_view path = s_.substr(start, pos_ - start);
    if (path.empty()) return std::nullopt;
    std::string_view last =
        path.substr(path.rfind(':') == std::string_view::npos ? 0 : path.rfind(':') + 1);
    if (last == "size_of") {
      if (s_.substr(pos_, 3) != "::<") return std::nullopt;
      pos_ += 3;
      size_t close = s_.find('>', pos_);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view ty = s_.substr(pos_, close - pos_);
      pos_ = close + 1;
      if (!eat('(') || !eat(')')) return std::nullopt;
      return size_of(ty);
    }
    if (depth_ > 4) return std::nullopt;
    SimplePath sp;
    for (size_t b = 0; b <= path.size();) {
      size_t e = path.find("::", b);
      std::string_view seg =
          path.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
      if (!seg.empty()) sp.segments.push_back(t_.db.names().intern(seg));
      if (e == std::string_view::npos) break;
      b = e + 2;
    }
    DatabaseMaps maps(t_.db);
    PathResolution r = resolve_path(maps, ctx_.krate, ctx_.module, sp, false);
    std::optional<ItemLoc> loc =
        r.complete ? t_.loc_of(r.defs[Namespace::Values].def) : std::nullopt;
    if (!loc || t_.item(*loc).kind != index::ItemKind::Const) return std::nullopt;
    std::string_view sig = t_.tree_of(*loc).str(t_.item(*loc).signature);
    size_t eq = sig.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view init = sig.substr(eq + 1);
    while (!init.empty() && (init.back() == ';' || init.back() == ' ')) init.remove_suffix(1);
    TypeContext cctx = t_.context_at(*loc, r.defs[Namespace::Values].def.krate);
    return ConstEval(t_, cctx, init, depth_ + 1).run();
  }
  std::optional<uint64_t> size_of(std::string_view ty) {
    while (!ty.empty() && ty.front() == ' ') ty.remove_prefix(1);
    while (!ty.empty() && ty.back() == ' ') ty.remove_suffix(1);
    uint32_t b = UINT32_MAX;
    if (ty == "Self") {
      const TyData& d = t_.arena.data(ctx_.self_ty);
      if (d.kind == TyKind::Builtin) b = d.def.index;
    } else if (Def d = builtin_type(ty)) {
      b = d.index;
    }
    switch (static_cast<BuiltinType>(b)) {
      case BuiltinType::Bool:
      case BuiltinType::I8:
      case BuiltinType::U8: return 1;
      case BuiltinType::I16:
      case BuiltinType::U16: return 2;
      case BuiltinType::I32:
      case BuiltinType::U32:
      case BuiltinType::F32:
      case BuiltinType::Char: return 4;
      case BuiltinType::I64:
      case BuiltinType::U64:
      case BuiltinType::F64:
      case BuiltinType::Isize:
      case BuiltinType::Usize: return 8;
      case BuiltinType::I128:
      case BuiltinType::U128: return 16;
      default: return std::nullopt;
    }
  }

  TyDb& t_;
  const TypeContext& ctx_;
  std::string_view s_;
  size_t pos_ = 0;
  int depth_;
};

}  // namespace

std::string array_length(TyDb& t, const TypeContext& ctx, std::string_view text) {
  std::optional<uint64_t> v = text.empty() ? std::nullopt : ConstEval(t, ctx, text, 0).run();
  return v ? std::to_string(*v) : std::string(text);
}

namespace {

TyId lower(TyDb& t, const TypeContext& ctx, uint32_t ty, int depth) {
  if (ty == kNone || ctx.tree == nullptr || ty >= ctx.tree->types.size() || depth > kMaxDepth)
    return kUnknownTy;
  const index::TypeRef& r = ctx.tree->types[ty];
  TyArena& a = t.arena;
  switch (r.kind) {
    case index::TypeKind::Path: return r.a == kNone ? kUnknownTy : lower_path(t, ctx, r.a, depth);
    case index::TypeKind::Ref: return a.ref(lower(t, ctx, r.a, depth + 1), r.mut_ != 0);
    case index::TypeKind::Ptr: return a.ptr(lower(t, ctx, r.a, depth + 1), r.mut_ != 0);
    case index::TypeKind::Slice: return a.slice(lower(t, ctx, r.a, depth + 1));
    case index::TypeKind::Array: {
      std::string_view len = ctx.tree->str(r.text);
      TyId param = find_param(ctx, len);  // `[T; N]` with a const parameter N
      return a.array(lower(t, ctx, r.a, depth + 1),
                     param != kUnknownTy ? param : a.const_value(array_length(t, ctx, len)));
    }
    case index::TypeKind::Tuple: {
      std::vector<TyId> elems;
      for (uint32_t k = r.list_begin; k < r.list_end; ++k)
        elems.push_back(lower(t, ctx, ctx.tree->type_lists[k], depth + 1));
      return a.tuple(std::move(elems));
    }
    case index::TypeKind::FnPtr: {
      TyData d;
      d.kind = TyKind::FnPtr;
      for (uint32_t k = r.list_begin; k < r.list_end; ++k)
        d.args.push_back(lower(t, ctx, ctx.tree->type_lists[k], depth + 1));
      d.args.push_back(r.a == kNone ? a.unit() : lower(t, ctx, r.a, depth + 1));
      return a.intern(d);
    }
    case index::TypeKind::Never: return a.never();
    case index::TypeKind::Infer: return a.fresh();
    case index::TypeKind::ImplTrait:
      return trait_object(t, ctx, TyKind::Opaque, r.list_begin, r.list_end, depth);
    case index::TypeKind::DynTrait:
      return trait_object(t, ctx, TyKind::Dyn, r.list_begin, r.list_end, depth);
    case index::TypeKind::Macro:
    case index::TypeKind::Error: return kUnknownTy;
  }
  return kUnknownTy;
}

}  // namespace

TyId lower_type(TyDb& tdb, const TypeContext& ctx, uint32_t type_ref) {
  return lower(tdb, ctx, type_ref, 0);
}

TyId lower_path_type(TyDb& tdb, const TypeContext& ctx, uint32_t path) {
  if (path == kNone || ctx.tree == nullptr || path >= ctx.tree->paths.size()) return kUnknownTy;
  return lower_path(tdb, ctx, path, 0);
}

TraitBound lower_trait_ref(TyDb& tdb, const TypeContext& ctx, uint32_t path) {
  return trait_ref(tdb, ctx, path, 0);
}

std::vector<TyId> lower_path_args(TyDb& tdb, const TypeContext& ctx, uint32_t path) {
  if (path == kNone || ctx.tree == nullptr) return {};
  return last_segment_args(tdb, ctx, path, 0);
}

void lower_bounds(TyDb& tdb, const TypeContext& ctx, TyId self, uint32_t begin, uint32_t end,
                  std::vector<Predicate>& out) {
  for (uint32_t b = begin; b < end; ++b) {
    const index::TypeBound& bound = ctx.tree->bounds[b];
    if (bound.kind != index::BoundKind::Trait) continue;
    TraitBound tb = trait_ref(tdb, ctx, bound.path, 0);
    if (tb.trait) out.push_back(Predicate{self, std::move(tb)});
  }
}

GenericDefs add_generics(TyDb& tdb, TypeContext& ctx, uint32_t generics, uint64_t owner) {
  GenericDefs out;
  if (ctx.tree == nullptr || generics == kNone || generics >= ctx.tree->generics.size()) return out;
  const index::ItemTree& tree = *ctx.tree;
  const index::Generics& g = tree.generics[generics];
  // Type and const parameters, in order (a const one stands for a value: an array length).
  for (uint32_t i = g.params_begin; i < g.params_end; ++i) {
    const index::GenericParam& p = tree.generic_params[i];
    if (p.kind == index::GenericParamKind::Lifetime) continue;
    TyId param = tdb.arena.param(std::string(tree.str(p.name)), owner);
    ctx.params.emplace_back(std::string(tree.str(p.name)), param);
    out.params.push_back(param);
  }
  // The traits bounding each parameter, before any bound is lowered: `I::Item` in
  // another bound (`F: FnMut(I::Item)`) needs I's.
  auto note_bounds = [&](TyId param, uint32_t begin, uint32_t end) {
    for (uint32_t b = begin; b < end; ++b) {
      const index::TypeBound& bound = tree.bounds[b];
      if (bound.kind != index::BoundKind::Trait || bound.path == kNone) continue;
      PathResolution r = resolve_type_path(tdb, ctx, bound.path);
      if (r.complete && r.defs[Namespace::Types].def) {
        ctx.param_bounds.push_back(
            TypeContext::ParamBound{param, r.defs[Namespace::Types].def, bound.path, &tree});
      }
    }
  };
  size_t k = 0;
  for (uint32_t i = g.params_begin; i < g.params_end; ++i) {
    const index::GenericParam& p = tree.generic_params[i];
    if (p.kind == index::GenericParamKind::Lifetime) continue;
    if (p.kind == index::GenericParamKind::Type)
      note_bounds(out.params[k], p.bounds_begin, p.bounds_end);
    ++k;
  }
  for (uint32_t w = g.where_begin; w < g.where_end; ++w) {
    const index::WherePredicate& pred = tree.where_predicates[w];
    if (pred.type == kNone || tree.types[pred.type].kind != index::TypeKind::Path ||
        tree.types[pred.type].a == kNone)
      continue;
    const index::Path& bp = tree.paths[tree.types[pred.type].a];
    if (bp.segments_end - bp.segments_begin != 1 || bp.qualified_self != kNone) continue;
    std::string_view name = tree.str(tree.segments[bp.segments_begin].name);
    for (TyId param : out.params) {
      if (tdb.arena.at(param).name == name) note_bounds(param, pred.bounds_begin, pred.bounds_end);
    }
  }
  k = 0;
  for (uint32_t i = g.params_begin; i < g.params_end; ++i) {
    const index::GenericParam& p = tree.generic_params[i];
    if (p.kind == index::GenericParamKind::Lifetime) continue;
    if (p.kind == index::GenericParamKind::Type)
      lower_bounds(tdb, ctx, out.params[k], p.bounds_begin, p.bounds_end, out.predicates);
    ++k;
  }
  for (uint32_t w = g.where_begin; w < g.where_end; ++w) {
    const index::WherePredicate& pred = tree.where_predicates[w];
    if (pred.type == kNone) continue;
    TyId self = lower(tdb, ctx, pred.type, 0);
    if (tdb.arena.is_unknown(self)) continue;
    lower_bounds(tdb, ctx, self, pred.bounds_begin, pred.bounds_end, out.predicates);
  }
  return out;
}

TyId complete_adt_args(TyDb& tdb, const Def& adt, std::vector<TyId> args) {
  const AdtInfo& info = tdb.adt(adt);
  if (!info.valid) return tdb.arena.adt(adt, std::move(args));
  size_t n = info.params.size();
  if (args.size() > n) args.resize(n);
  bool has_default = false;
  for (size_t i = 0; i < n; ++i) has_default |= info.defaults[i] != kNone;
  std::vector<TyId> defaults(n, kUnknownTy);
  for (size_t i = args.size(); i < n; ++i) {
    if (info.defaults[i] == kNone) {
      args.push_back(tdb.arena.fresh());
      continue;
    }
    Subst s;
    for (size_t k = 0; k < i; ++k) s.emplace_back(info.params[k], args[k]);
    TyId d = tdb.arena.substitute(lower_type(tdb, info.ctx, info.defaults[i]), s);
    args.push_back(d);
  }
  if (has_default && tdb.arena.adt_defaults(adt) == nullptr) {
    for (size_t i = 0; i < n; ++i) {
      if (info.defaults[i] != kNone) defaults[i] = lower_type(tdb, info.ctx, info.defaults[i]);
    }
    tdb.arena.set_adt_defaults(adt, std::move(defaults));
  }
  return tdb.arena.adt(adt, std::move(args));
}

}  // namespace ferret::sema

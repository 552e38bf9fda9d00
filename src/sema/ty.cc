// Type terms: interning, inference variables, unification, substitution, rendering.
#include "sema/ty.h"

#include <algorithm>

#include "sema/database.h"
#include "sema/scope_lookup.h"
#include "syntax/nesting_limit.h"

namespace ferret::sema {

namespace {

// Nodes one walk over a term visits at most (see TyArena::spend_walk).
constexpr uint32_t kMaxWalkNodes = 1u << 16;
constexpr uint32_t kMemoAfterNodes = 256;
// Rendering: nesting shown before `…`, and the length of a rendered type.
constexpr int kMaxRenderDepth = 24;
constexpr size_t kMaxRenderedBytes = 4096;

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

bool is_int_builtin(uint32_t b) {
  return b >= static_cast<uint32_t>(BuiltinType::I8) && b <= static_cast<uint32_t>(BuiltinType::Usize);
}
bool is_float_builtin(uint32_t b) {
  return b == static_cast<uint32_t>(BuiltinType::F32) || b == static_cast<uint32_t>(BuiltinType::F64);
}

}  // namespace

size_t TyArena::IdHash::operator()(TyId id) const { return hash(arena->tys_[id]); }
size_t TyArena::IdHash::operator()(const TyData& d) const { return hash(d); }
bool TyArena::IdEq::operator()(TyId a, TyId b) const { return a == b; }
bool TyArena::IdEq::operator()(TyId a, const TyData& b) const { return arena->tys_[a] == b; }
bool TyArena::IdEq::operator()(const TyData& a, TyId b) const { return a == arena->tys_[b]; }

size_t TyArena::hash(const TyData& d) {
  uint64_t h = static_cast<uint64_t>(d.kind) * 31 + d.mut_;
  h = mix(h, (static_cast<uint64_t>(d.def.kind) << 56) ^ (static_cast<uint64_t>(d.def.krate) << 32) ^ d.def.index);
  for (TyId a : d.args) h = mix(h, a);
  h = mix(h, std::hash<std::string>()(d.name));
  h = mix(h, d.key);
  h = mix(h, (static_cast<uint64_t>(d.loc.file) << 32) ^ d.loc.item);
  for (const TraitBound& b : d.bounds) {
    h = mix(h, (static_cast<uint64_t>(b.trait.krate) << 32) ^ b.trait.index);
    for (TyId a : b.args) h = mix(h, a);
    for (const auto& [n, t] : b.assoc) h = mix(mix(h, std::hash<std::string>()(n)), t);
  }
  return static_cast<size_t>(h);
}

TyArena::TyArena() : ids_(64, IdHash{this}, IdEq{this}) {
  push_type(TyData{});
  ids_.insert(kUnknownTy);
  TyData n;
  n.kind = TyKind::Never;
  never_ = intern(n);
  TyData u;
  u.kind = TyKind::Tuple;
  unit_ = intern(u);
}

TyArena::TyInfo TyArena::info_of(const TyData& d) const {
  TyInfo info;
  if (d.kind == TyKind::Infer) info.flags |= kHasInfer;
  if (d.kind == TyKind::Param) info.flags |= kHasParam;
  int depth = 0;
  auto add = [&](TyId a) {
    depth = std::max(depth, static_cast<int>(info_[a].depth));
    info.flags |= info_[a].flags;
  };
  for (TyId a : d.args) add(a);
  for (const TraitBound& b : d.bounds) {
    for (TyId a : b.args) add(a);
    for (const auto& [n, a] : b.assoc) add(a);
  }
  info.depth = static_cast<uint16_t>(std::min(depth + 1, kMaxNesting + 1));
  return info;
}

TyId TyArena::push_type(TyData d) {
  TyInfo info = info_of(d);
  TyId id = static_cast<TyId>(tys_.size());
  tys_.push_back(std::move(d));
  info_.push_back(info);
  return id;
}

TyId TyArena::intern(const TyData& d) {
  auto it = ids_.find(d);
  if (it != ids_.end()) return *it;
  // Deeper than the nesting budget: not known (so every walk over terms is bounded).
  if (info_of(d).depth > kMaxNesting) return kUnknownTy;
  TyId id = push_type(d);
  ids_.insert(id);
  return id;
}

void TyArena::start_walk() {
  walk_budget_ = kMaxWalkNodes;
  if (!walk_memo_.empty()) walk_memo_.clear();
  if (!walk_seen_.empty()) walk_seen_.clear();
}

bool TyArena::walk_is_large() const {
  return kMaxWalkNodes - walk_budget_ > kMemoAfterNodes;
}

bool TyArena::spend_walk() {
  if (walk_budget_ == 0) return false;
  --walk_budget_;
  return true;
}

TyId TyArena::builtin(BuiltinType b) {
  TyData d;
  d.kind = TyKind::Builtin;
  d.def = Def{DefKind::BuiltinType, base::kNoCrate, static_cast<uint32_t>(b)};
  return intern(d);
}

TyId TyArena::ref(TyId inner, bool mut_) {
  TyData d;
  d.kind = TyKind::Ref;
  d.mut_ = mut_;
  d.args = {inner};
  return intern(d);
}

TyId TyArena::ptr(TyId inner, bool mut_) {
  TyData d;
  d.kind = TyKind::Ptr;
  d.mut_ = mut_;
  d.args = {inner};
  return intern(d);
}

TyId TyArena::slice(TyId inner) {
  TyData d;
  d.kind = TyKind::Slice;
  d.args = {inner};
  return intern(d);
}

TyId TyArena::array(TyId inner, TyId len) {
  TyData d;
  d.kind = TyKind::Array;
  d.args = {inner, len};
  return intern(d);
}

TyId TyArena::array(TyId inner, std::string len) { return array(inner, len.empty() ? fresh() : const_value(std::move(len))); }

TyId TyArena::const_value(std::string text) {
  TyData d;
  d.kind = TyKind::Const;
  d.name = std::move(text);
  return intern(d);
}

TyId TyArena::adt(Def def, std::vector<TyId> args) {
  TyData d;
  d.kind = TyKind::Adt;
  d.def = def;
  d.args = std::move(args);
  return intern(d);
}

TyId TyArena::tuple(std::vector<TyId> elems) {
  TyData d;
  d.kind = TyKind::Tuple;
  d.args = std::move(elems);
  return intern(d);
}

TyId TyArena::param(std::string name, uint64_t owner) {
  TyData d;
  d.kind = TyKind::Param;
  d.name = std::move(name);
  d.key = owner;
  return intern(d);
}

TyId TyArena::projection(Def trait, std::string name, TyId self, std::vector<TyId> trait_args) {
  TyData d;
  d.kind = TyKind::Projection;
  d.def = trait;
  d.name = std::move(name);
  d.args.reserve(trait_args.size() + 1);
  d.args.push_back(self);
  for (TyId a : trait_args) d.args.push_back(a);
  return intern(d);
}

TyId TyArena::fresh(InferKind kind) {
  // Each variable is its own type: no need to look it up.
  TyData d;
  d.kind = TyKind::Infer;
  d.key = vars_.size();
  TyId id = push_type(std::move(d));
  vars_.push_back(Var{kUnknownTy, kind, id});
  return id;
}

bool TyArena::is_builtin(TyId t, BuiltinType b) const {
  const TyData& d = data(t);
  return d.kind == TyKind::Builtin && d.def.index == static_cast<uint32_t>(b);
}

bool TyArena::is_integral(TyId t) const {
  const TyData& d = data(t);
  if (d.kind == TyKind::Infer) return vars_[d.key].kind == InferKind::Int;
  return d.kind == TyKind::Builtin && is_int_builtin(d.def.index);
}

bool TyArena::is_float(TyId t) const {
  const TyData& d = data(t);
  if (d.kind == TyKind::Infer) return vars_[d.key].kind == InferKind::Float;
  return d.kind == TyKind::Builtin && is_float_builtin(d.def.index);
}

// ---------------------------------------------------------------- variables

TyId TyArena::resolve(TyId t) const {
  for (int i = 0; i < 256; ++i) {
    const TyData& d = tys_[t];
    if (d.kind != TyKind::Infer) return t;
    TyId v = vars_[d.key].value;
    if (v == kUnknownTy) return t;
    t = v;
  }
  return t;
}

InferKind TyArena::var_kind(TyId t) const {
  const TyData& d = data(t);
  return d.kind == TyKind::Infer ? vars_[d.key].kind : InferKind::General;
}

void TyArena::bind(TyId var, TyId value) {
  uint64_t k = tys_[var].key;
  vars_[k].value = value;
  undo_.push_back(static_cast<uint32_t>(k));
}

void TyArena::rollback(size_t snapshot) {
  while (undo_.size() > snapshot) {
    vars_[undo_.back()].value = kUnknownTy;
    undo_.pop_back();
  }
}

bool TyArena::occurs(TyId var, TyId t, int depth) {
  if (depth > kMaxNesting || !spend_walk()) return true;
  t = resolve(t);
  if (t == var) return true;
  if (!(info_[t].flags & kHasInfer)) return false;
  if (walk_is_large() && !walk_seen_.insert(t).second) return false;
  const TyData& d = tys_[t];
  for (TyId a : d.args) {
    if (occurs(var, a, depth + 1)) return true;
  }
  for (const TraitBound& b : d.bounds) {
    for (TyId a : b.args) {
      if (occurs(var, a, depth + 1)) return true;
    }
  }
  return false;
}

bool TyArena::unify(TyId a, TyId b) {
  start_walk();
  return unify_rec(a, b, 0);
}

bool TyArena::try_unify(TyId a, TyId b) {
  size_t snap = snapshot();
  start_walk();
  if (unify_rec(a, b, 0)) return true;
  rollback(snap);
  return false;
}

bool TyArena::can_unify(TyId a, TyId b) {
  size_t snap = snapshot();
  start_walk();
  bool ok = unify_rec(a, b, 0);
  rollback(snap);
  return ok;
}

bool TyArena::unify_rec(TyId a, TyId b, int depth) {
  // Past the budgets the rest is taken as unifying, as unknown parts do.
  if (depth > kMaxNesting || !spend_walk()) return true;
  a = resolve(a);
  b = resolve(b);
  if (a == b) return true;
  const TyData* da = &tys_[a];
  const TyData* db = &tys_[b];
  if (da->kind == TyKind::Unknown || db->kind == TyKind::Unknown) return true;
  if (db->kind == TyKind::Infer && da->kind != TyKind::Infer) {
    std::swap(a, b);
    std::swap(da, db);
  }
  if (da->kind == TyKind::Infer) {
    InferKind ka = vars_[da->key].kind;
    if (db->kind == TyKind::Infer) {
      InferKind kb = vars_[db->key].kind;
      if (ka != InferKind::General && kb != InferKind::General && ka != kb) return false;
      // Keep the more specific kind on the surviving variable; otherwise the older one
      // survives, so a probe's newer variables point at the body's (and a rollback of
      // the probe leaves the body's types whole).
      if (ka == InferKind::General && kb != InferKind::General) {
        bind(a, b);
      } else if (kb == InferKind::General && ka != InferKind::General) {
        bind(b, a);
      } else if (da->key > db->key) {
        bind(a, b);
      } else {
        bind(b, a);
      }
      return true;
    }
    if (ka == InferKind::Int) {
      if (db->kind != TyKind::Builtin || !is_int_builtin(db->def.index)) return false;
    } else if (ka == InferKind::Float) {
      if (db->kind != TyKind::Builtin || !is_float_builtin(db->def.index)) return false;
    }
    if (occurs(a, b, 0)) return false;
    bind(a, b);
    return true;
  }
  if (da->kind != db->kind) return false;
  switch (da->kind) {
    case TyKind::Builtin:
    case TyKind::Param: return false;  // equal ones were interned to the same id
    case TyKind::Adt:
      if (!(da->def == db->def)) return false;
      break;
    case TyKind::Ref:
    case TyKind::Ptr:
      if (da->mut_ != db->mut_) return false;
      break;
    case TyKind::FnDef:
      if (da->loc.file != db->loc.file || da->loc.item != db->loc.item) return false;
      break;
    case TyKind::Closure:
      if (da->key != db->key) return false;
      break;
    case TyKind::Const: {
      // Two different numbers differ; an expression not evaluated may be either.
      auto digits = [](const std::string& x) {
        return !x.empty() && x.find_first_not_of("0123456789") == std::string::npos;
      };
      return !(digits(da->name) && digits(db->name));
    }
    case TyKind::Projection:
      if (da->name != db->name || !(da->def == db->def)) return false;
      break;
    case TyKind::Dyn:
    case TyKind::Opaque: {
      if (da->bounds.empty() || db->bounds.empty()) return true;
      if (!(da->bounds[0].trait == db->bounds[0].trait)) return false;
      std::vector<TraitBound> ba = da->bounds, bb = db->bounds;
      const TraitBound& x = ba[0];
      const TraitBound& y = bb[0];
      for (size_t i = 0; i < x.args.size() && i < y.args.size(); ++i) {
        if (!unify_rec(x.args[i], y.args[i], depth + 1)) return false;
      }
      for (const auto& [n, t] : x.assoc) {
        for (const auto& [m, u] : y.assoc) {
          if (n == m && !unify_rec(t, u, depth + 1)) return false;
        }
      }
      return true;
    }
    default: break;
  }
  // Arguments pairwise (copied: unification may grow the arena).
  std::vector<TyId> xa = da->args, xb = db->args;
  if (da->kind == TyKind::Tuple || da->kind == TyKind::FnPtr || da->kind == TyKind::Closure) {
    if (xa.size() != xb.size()) return false;
  }
  size_t n = std::min(xa.size(), xb.size());
  for (size_t i = 0; i < n; ++i) {
    if (!unify_rec(xa[i], xb[i], depth + 1)) return false;
  }
  return true;
}

TyId TyArena::zonk(TyId t) {
  start_walk();
  return zonk_rec(t, 0);
}

TyId TyArena::zonk_rec(TyId t, int depth) {
  t = resolve(t);
  if (!(info_[t].flags & kHasInfer)) return t;  // nothing to replace below
  if (depth > kMaxNesting || !spend_walk()) return kUnknownTy;
  const TyData& d = tys_[t];
  if (d.args.empty() && d.bounds.empty()) return t;
  if (walk_is_large()) {
    if (auto it = walk_memo_.find(t); it != walk_memo_.end()) return it->second;
  }
  TyData copy = d;
  bool changed = false;
  for (TyId& a : copy.args) {
    TyId z = zonk_rec(a, depth + 1);
    changed |= z != a;
    a = z;
  }
  for (TraitBound& b : copy.bounds) {
    for (TyId& a : b.args) {
      TyId z = zonk_rec(a, depth + 1);
      changed |= z != a;
      a = z;
    }
    for (auto& [n, a] : b.assoc) {
      TyId z = zonk_rec(a, depth + 1);
      changed |= z != a;
      a = z;
    }
  }
  TyId result = changed ? intern(copy) : t;
  if (walk_is_large()) walk_memo_.emplace(t, result);
  return result;
}

TyId TyArena::with_defaults(TyId t) {
  t = zonk(t);
  // Open integer / float variables: bind them to their fallbacks, then zonk again.
  std::vector<TyId> stack{t};
  size_t visited = 0;
  while (!stack.empty() && visited < 4096) {
    ++visited;
    TyId x = resolve(stack.back());
    stack.pop_back();
    const TyData& d = tys_[x];
    if (d.kind == TyKind::Infer) {
      InferKind k = vars_[d.key].kind;
      if (k == InferKind::Int) bind(x, builtin(BuiltinType::I32));
      if (k == InferKind::Float) bind(x, builtin(BuiltinType::F64));
      continue;
    }
    for (TyId a : d.args) stack.push_back(a);
    for (const TraitBound& b : d.bounds) {
      for (TyId a : b.args) stack.push_back(a);
      for (const auto& [n, a] : b.assoc) stack.push_back(a);
    }
  }
  return zonk(t);
}

bool TyArena::has_vars(TyId t) {
  return (info_[zonk(t)].flags & kHasInfer) != 0;
}

bool TyArena::has_unknown(TyId t) {
  t = zonk(t);
  std::vector<TyId> stack{t};
  size_t visited = 0;
  while (!stack.empty() && visited < 4096) {
    ++visited;
    const TyData& d = tys_[stack.back()];
    stack.pop_back();
    if (d.kind == TyKind::Unknown) return true;
    for (TyId a : d.args) stack.push_back(a);
  }
  return false;
}

// ---------------------------------------------------------------- substitution

TyId TyArena::substitute(TyId t, const Subst& subst) {
  if (subst.empty()) return t;
  start_walk();
  return subst_rec(t, subst, 0);
}

TyId TyArena::subst_rec(TyId t, const Subst& subst, int depth) {
  if (!(info_[t].flags & kHasParam)) return t;  // nothing to replace below
  if (depth > kMaxNesting || !spend_walk()) return kUnknownTy;
  const TyData& d = tys_[t];
  if (d.kind == TyKind::Param) {
    for (const auto& [p, v] : subst) {
      if (p == t) return v;
    }
    return t;
  }
  if (d.args.empty() && d.bounds.empty()) return t;
  if (walk_is_large()) {
    if (auto it = walk_memo_.find(t); it != walk_memo_.end()) return it->second;
  }
  TyData copy = d;
  bool changed = false;
  for (TyId& a : copy.args) {
    TyId s = subst_rec(a, subst, depth + 1);
    changed |= s != a;
    a = s;
  }
  for (TraitBound& b : copy.bounds) {
    for (TyId& a : b.args) {
      TyId s = subst_rec(a, subst, depth + 1);
      changed |= s != a;
      a = s;
    }
    for (auto& [n, a] : b.assoc) {
      TyId s = subst_rec(a, subst, depth + 1);
      changed |= s != a;
      a = s;
    }
  }
  TyId result = changed ? intern(copy) : t;
  if (walk_is_large()) walk_memo_.emplace(t, result);
  return result;
}

// ---------------------------------------------------------------- rendering

namespace {

std::string item_name(Database& db, const Def& d) {
  if (d.kind == DefKind::BuiltinType) return std::string(builtin_type_name(d.index));
  if (d.kind != DefKind::Item || d.krate == base::kNoCrate) return "?";
  const DefMap& dm = db.def_map(d.krate);
  if (d.index >= dm.items.size()) return "?";
  const ItemLoc& loc = dm.items[d.index];
  return std::string(db.item_tree(loc.file).str(db.item(loc).name));
}

}  // namespace

std::string TyArena::render(Database& db, TyId t) {
  std::string out;
  render_rec(db, zonk(t), out, 0);
  return out;
}

void TyArena::render_rec(Database& db, TyId t, std::string& out, int depth) {
  if (depth > kMaxRenderDepth || out.size() > kMaxRenderedBytes) {
    if (!out.ends_with("…")) out += "…";
    return;
  }
  t = resolve(t);
  const TyData d = tys_[t];  // a copy: rendering may intern
  auto list = [&](const std::vector<TyId>& xs, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (i) out += ", ";
      render_rec(db, xs[i], out, depth + 1);
    }
  };
  auto bound = [&](const TraitBound& b) {
    out += item_name(db, b.trait);
    bool fn_sugar = false;
    std::string name = item_name(db, b.trait);
    if ((name == "Fn" || name == "FnMut" || name == "FnOnce") && b.args.size() == 1 &&
        tys_[resolve(b.args[0])].kind == TyKind::Tuple) {
      fn_sugar = true;
      out += "(";
      const std::vector<TyId> ins = tys_[resolve(b.args[0])].args;
      list(ins, ins.size());
      out += ")";
      for (const auto& [n, a] : b.assoc) {
        if (n == "Output" && tys_[resolve(a)].kind != TyKind::Tuple) {
          out += " -> ";
          render_rec(db, a, out, depth + 1);
        } else if (n == "Output" && !tys_[resolve(a)].args.empty()) {
          out += " -> ";
          render_rec(db, a, out, depth + 1);
        }
      }
    }
    if (!fn_sugar && (!b.args.empty() || !b.assoc.empty())) {
      out += "<";
      list(b.args, b.args.size());
      bool first = b.args.empty();
      for (const auto& [n, a] : b.assoc) {
        if (!first) out += ", ";
        first = false;
        out += n + " = ";
        render_rec(db, a, out, depth + 1);
      }
      out += ">";
    }
  };
  switch (d.kind) {
    case TyKind::Unknown: out += "{unknown}"; return;
    case TyKind::Never: out += "!"; return;
    case TyKind::Infer:
      out += "_";
      return;
    case TyKind::Builtin: out += builtin_type_name(d.def.index); return;
    case TyKind::Adt: {
      out += item_name(db, d.def);
      size_t n = d.args.size();
      if (const std::vector<TyId>* defaults = adt_defaults(d.def)) {
        while (n > 0 && n <= defaults->size() && (*defaults)[n - 1] != kUnknownTy && zonk((*defaults)[n - 1]) == zonk(d.args[n - 1])) --n;
      }
      if (n > 0) {
        out += "<";
        list(d.args, n);
        out += ">";
      }
      return;
    }
    case TyKind::Ref:
      out += d.mut_ ? "&mut " : "&";
      render_rec(db, d.args[0], out, depth + 1);
      return;
    case TyKind::Ptr:
      out += d.mut_ ? "*mut " : "*const ";
      render_rec(db, d.args[0], out, depth + 1);
      return;
    case TyKind::Slice:
      out += "[";
      render_rec(db, d.args[0], out, depth + 1);
      out += "]";
      return;
    case TyKind::Array:
      out += "[";
      render_rec(db, d.args[0], out, depth + 1);
      out += "; ";
      if (d.args.size() > 1) {
        render_rec(db, d.args[1], out, depth + 1);
      } else {
        out += "_";
      }
      out += "]";
      return;
    case TyKind::Const: out += d.name; return;
    case TyKind::Tuple:
      out += "(";
      list(d.args, d.args.size());
      if (d.args.size() == 1) out += ",";
      out += ")";
      return;
    case TyKind::FnPtr:
    case TyKind::FnDef:
    case TyKind::Closure: {
      if (d.kind == TyKind::Closure) out += "{closure}";
      if (d.kind == TyKind::Closure) return;
      out += "fn(";
      if (!d.args.empty()) list(d.args, d.args.size() - 1);
      out += ")";
      if (!d.args.empty()) {
        const TyData& r = tys_[resolve(d.args.back())];
        if (!(r.kind == TyKind::Tuple && r.args.empty())) {
          out += " -> ";
          render_rec(db, d.args.back(), out, depth + 1);
        }
      }
      if (d.kind == TyKind::FnDef) out += " {" + d.name + "}";
      return;
    }
    case TyKind::Param: out += d.name; return;
    case TyKind::Dyn:
    case TyKind::Opaque: {
      out += d.kind == TyKind::Dyn ? "dyn " : "impl ";
      for (size_t i = 0; i < d.bounds.size(); ++i) {
        if (i) out += " + ";
        bound(d.bounds[i]);
      }
      return;
    }
    case TyKind::Projection: {
      out += "<";
      render_rec(db, d.args[0], out, depth + 1);
      if (d.def) {
        out += " as " + item_name(db, d.def);
        if (d.args.size() > 1) {
          out += "<";
          std::vector<TyId> rest(d.args.begin() + 1, d.args.end());
          list(rest, rest.size());
          out += ">";
        }
      }
      out += ">::" + d.name;
      return;
    }
  }
}

}  // namespace ferret::sema

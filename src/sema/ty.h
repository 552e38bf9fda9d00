// Types as inference sees them: hash-consed type terms in an arena (ADTs with their
// generic arguments, references, slices, tuples, generic parameters, inference
// variables, closures, trait objects, `impl Trait`, projections `<T as Trait>::Name`),
// the inference variables' table with unification and undo, substitution of generic
// parameters, and rendering as rustc writes types.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sema/def.h"
#include "sema/def_map.h"

namespace ferret::sema {

class Database;

using TyId = uint32_t;
inline constexpr TyId kUnknownTy = 0;  // the arena's first type: "not known"

enum class TyKind : uint8_t {
  Unknown,
  Never,
  Builtin,     // def: a BuiltinType Def (bool, char, str, integers, floats)
  Adt,         // def: struct / enum / union item; args: generic arguments (defaults filled)
  Ref,         // args[0]; mut_
  Ptr,         // args[0]; mut_
  Slice,       // args[0]
  Array,       // args[0]: the element; args[1]: the length (a Const, a Param, a variable)
  Tuple,       // args: elements (none: unit)
  FnDef,       // loc/krate: the fn item; name: its name; args: parameters…, return (last)
  FnPtr,       // args: parameters…, return (last)
  Closure,     // key: the closure's identity; args: parameters…, return (last)
  Param,       // name; key: the item whose generics declare it (`Self` of a trait: the trait)
  Infer,       // key: the variable
  Dyn,         // bounds: the traits (the first is the principal)
  Opaque,      // `impl Trait`: bounds as Dyn
  Projection,  // def: the trait (None when not known yet); name: the associated type;
               // args[0]: the self type, then the trait's arguments
  Const,       // a const generic argument's value (an array length): name, as written
};

enum class InferKind : uint8_t { General, Int, Float };

// A trait with its arguments as a bound: `Iterator<Item = u8>`, `From<T>`,
// `Fn(u8) -> bool` (args: one tuple of the inputs; assoc: Output).
struct TraitBound {
  Def trait;
  std::vector<TyId> args;                           // the trait's own arguments (Self excluded)
  std::vector<std::pair<std::string, TyId>> assoc;  // associated type bindings
  bool operator==(const TraitBound&) const = default;
};

struct TyData {
  TyKind kind = TyKind::Unknown;
  bool mut_ = false;
  Def def;
  std::vector<TyId> args;
  std::string name;
  uint64_t key = 0;
  ItemLoc loc;                     // FnDef
  CrateId krate = base::kNoCrate;  // FnDef
  std::vector<TraitBound> bounds;  // Dyn / Opaque

  bool operator==(const TyData& o) const {
    return kind == o.kind && mut_ == o.mut_ && def == o.def && args == o.args && name == o.name && key == o.key &&
           loc.file == o.loc.file && loc.item == o.loc.item && krate == o.krate && bounds == o.bounds;
  }
};

// A substitution of generic parameters (Param types) by types.
using Subst = std::vector<std::pair<TyId, TyId>>;

class TyArena {
 public:
  TyArena();
  TyArena(const TyArena&) = delete;  // its lookup set points back at it
  TyArena& operator=(const TyArena&) = delete;

  // The type with this data (the same id for equal data).
  TyId intern(const TyData& d);
  const TyData& at(TyId t) const { return tys_[t]; }

  TyId never() const { return never_; }
  TyId unit() const { return unit_; }
  TyId builtin(BuiltinType b);
  TyId ref(TyId inner, bool mut_);
  TyId ptr(TyId inner, bool mut_);
  TyId slice(TyId inner);
  TyId array(TyId inner, TyId len);
  TyId array(TyId inner, std::string len);  // a length as written ("" for not known)
  TyId const_value(std::string text);
  TyId adt(Def def, std::vector<TyId> args);
  TyId tuple(std::vector<TyId> elems);
  TyId param(std::string name, uint64_t owner);
  TyId projection(Def trait, std::string name, TyId self, std::vector<TyId> trait_args = {});
  TyId fresh(InferKind kind = InferKind::General);

  bool is_builtin(TyId t, BuiltinType b) const;
  bool is_integral(TyId t) const;  // an integer type or integer variable
  bool is_float(TyId t) const;
  bool is_numeric(TyId t) const { return is_integral(t) || is_float(t); }

  // ---- inference variables ----
  // Follows bound variables (shallowly).
  TyId resolve(TyId t) const;
  const TyData& data(TyId t) const { return tys_[resolve(t)]; }
  TyKind kind(TyId t) const { return data(t).kind; }
  bool is_unknown(TyId t) const { return kind(t) == TyKind::Unknown; }
  bool is_var(TyId t) const { return kind(t) == TyKind::Infer; }
  InferKind var_kind(TyId t) const;
  // Makes a and b equal where they can be (binding variables); false on a clash, in
  // which case some variables may already be bound (callers snapshot when it matters).
  // Unknown unifies with anything and binds nothing.
  bool unify(TyId a, TyId b);
  // Unification that leaves nothing bound when it fails.
  bool try_unify(TyId a, TyId b);
  // Whether a and b could unify, binding nothing.
  bool can_unify(TyId a, TyId b);
  size_t snapshot() const { return undo_.size(); }
  void rollback(size_t snapshot);
  // The type with every bound variable replaced by its value, deeply.
  TyId zonk(TyId t);
  // zonk, then integer / float variables still open become i32 / f64 (rustc's fallback).
  TyId with_defaults(TyId t);
  // Whether t (zonked) still contains open variables or unknown parts.
  bool has_vars(TyId t);
  bool has_unknown(TyId t);
  // How deeply t's term nests (at most kMaxNesting: interning a deeper term gives
  // kUnknownTy instead).
  int depth(TyId t) const { return info_[t].depth; }

  // Replaces parameters throughout t.
  TyId substitute(TyId t, const Subst& subst);

  // rustc's rendering with trimmed paths: `Vec<u8>`, `&mut [T]`, `(i32, String)`,
  // `impl Iterator<Item = u8>`; `_` for an open variable, `{unknown}` where not known.
  // Trailing generic arguments equal to their defaults are left out (HashMap<K, V>).
  std::string render(Database& db, TyId t);

  // Defaults of an ADT's generic parameters (kUnknownTy: none), recorded by lowering
  // so that rendering can leave them out.
  void set_adt_defaults(Def adt, std::vector<TyId> defaults) { adt_defaults_[key_of(adt)] = std::move(defaults); }
  const std::vector<TyId>* adt_defaults(Def adt) const {
    auto it = adt_defaults_.find(key_of(adt));
    return it == adt_defaults_.end() ? nullptr : &it->second;
  }

  size_t size() const { return tys_.size(); }

 private:
  static size_t hash(const TyData& d);
  // The interned types as ids, looked up by their data (transparently).
  struct IdHash {
    using is_transparent = void;
    const TyArena* arena;
    size_t operator()(TyId id) const;
    size_t operator()(const TyData& d) const;
  };
  struct IdEq {
    using is_transparent = void;
    const TyArena* arena;
    bool operator()(TyId a, TyId b) const;
    bool operator()(TyId a, const TyData& b) const;
    bool operator()(const TyData& a, TyId b) const;
  };
  static uint64_t key_of(Def d) { return (static_cast<uint64_t>(d.krate) << 32) | d.index; }
  bool unify_rec(TyId a, TyId b, int depth);
  bool occurs(TyId var, TyId t, int depth);
  void bind(TyId var, TyId value);
  TyId zonk_rec(TyId t, int depth);
  TyId subst_rec(TyId t, const Subst& subst, int depth);
  void render_rec(Database& db, TyId t, std::string& out, int depth);

  // What interning records of each type, so that walks skip what cannot matter to
  // them (zonk: parts without variables, substitution: parts without parameters) and
  // every type stays within the nesting budget.
  enum TyFlags : uint8_t { kHasInfer = 1, kHasParam = 2 };
  struct TyInfo {
    uint16_t depth = 1;  // nesting of the term (a leaf is 1)
    uint8_t flags = 0;
  };
  TyId push_type(TyData d);
  TyInfo info_of(const TyData& d) const;
  // Nodes a walk (zonk, substitution, unification, occurs) may still visit: a term is a
  // DAG whose tree form can be exponentially larger (`(T, T)` nested), so each walk has
  // a budget; past it the rest reads as unknown.
  bool spend_walk();
  // Starts a walk: a fresh budget and no memo.
  void start_walk();
  // Past a few hundred nodes, zonk and substitution remember what each node became,
  // so a DAG is walked once per node rather than once per path.
  bool walk_is_large() const;
  uint32_t walk_budget_ = 0;
  std::unordered_map<TyId, TyId> walk_memo_;  // zonk, substitution: node -> result
  std::unordered_set<TyId> walk_seen_;        // occurs: nodes known free of the var

  std::deque<TyData> tys_;  // a deque: references stay valid as types are added
  std::vector<TyInfo> info_;  // per type, beside tys_
  std::unordered_set<TyId, IdHash, IdEq> ids_;
  struct Var {
    TyId value = kUnknownTy;  // kUnknownTy: open
    InferKind kind = InferKind::General;
    TyId self = kUnknownTy;   // the Infer type naming this variable
  };
  std::vector<Var> vars_;
  std::vector<uint32_t> undo_;  // variables in the order they were bound
  std::unordered_map<uint64_t, std::vector<TyId>> adt_defaults_;
  TyId unit_ = kUnknownTy;
  TyId never_ = kUnknownTy;
};

}  // namespace ferret::sema

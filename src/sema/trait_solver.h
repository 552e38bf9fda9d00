// Trait selection and projection, as rustc's trait system answers them for a body:
// does `T: Trait<Args>` hold, through which impl (inherent and trait impls found by the
// self type's shape, blanket impls checked against their where clauses), which
// where-clause of the environment, which built-in rule (closures and fns implement
// the Fn traits, Sized, Copy of scalars, derives), or the bounds of `dyn`/`impl`
// types; and what `<T as Trait>::Name` is (the impl's `type Name`, a binding of a
// bound, a closure's output), staying a rigid projection for generic parameters.
// A unique candidate's unifications are kept, which is how trait arguments and
// associated types flow into inference (`collect::<Vec<_>>()`, `map(|x| …)`).
#pragma once

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sema/ty_db.h"

namespace ferret::sema {

enum class Certainty : uint8_t { No, Maybe, Yes };

struct Selection {
  enum class Kind : uint8_t { None, Impl, Env, Builtin, Ambiguous };
  Kind kind = Kind::None;
  const ImplHeader* impl = nullptr;  // Impl: the impl, with its parameters' values
  Subst subst;
  TraitBound bound;     // Env: the matching bound (its bindings)
  bool certain = true;  // false: the impl's where clauses could not all be decided
};

class TraitSolver {
 public:
  // `env`: what the body may assume (its where clauses), elaborated here.
  TraitSolver(TyDb& tdb, std::vector<Predicate> env);

  TyDb& tdb() { return t_; }
  TyArena& arena() { return t_.arena; }

  // Whether `self: bound` holds (Maybe: not known yet, e.g. the self type is still a
  // variable). A unique way it holds keeps its unifications.
  Certainty solve(TyId self, const TraitBound& bound, int depth = 0);
  Selection select(TyId self, const TraitBound& bound, int depth = 0);
  // A trait with fresh arguments, as a bound (`Iterator` for "is it an iterator").
  TraitBound fresh_bound(const Def& trait);

  // `<self as trait<args>>::name`: its value; the projection itself (trait filled in)
  // when rigid (a parameter's associated type with no binding); nullopt when it
  // cannot be known yet (the self type is a variable, or several impls may apply).
  std::optional<TyId> project(TyId self, const Def& trait, const std::vector<TyId>& trait_args,
                              std::string_view name, int depth = 0);
  // Resolves the projections inside t that can be (deeply); others stay.
  TyId normalize(TyId t, int depth = 0);

  // Bounds known for a type: a parameter's where clauses, a projection's declared
  // bounds, a trait object's traits — with their supertraits.
  std::vector<TraitBound> bounds_of(TyId t);
  // Supertraits of b (b itself first) on `self`.
  void elaborate(TyId self, const TraitBound& b, std::vector<TraitBound>& out);

  // Impls whose self type has t's shape, in crates that can see it: the inherent ones
  // (and those of traits that did not resolve), or with `traits` the trait impls too.
  std::vector<const ImplHeader*> impls_by_shape(TyId t, bool traits = false);
  // The impl's parameters as fresh variables; its self type unified with t. Nullopt
  // when it does not apply (no unification is kept).
  std::optional<Subst> match_impl_self(const ImplHeader& h, TyId t);
  Subst fresh_subst(const std::vector<TyId>& params);

  // The traits an ADT derives (built-in derives by name, others by resolution).
  const std::vector<Def>& derives(const Def& adt);

  // The type an impl gives to associated type `name` (substituted), or unknown.
  TyId impl_assoc_type(const ImplHeader& h, const Subst& subst, std::string_view name);

  const std::vector<Predicate>& env() const { return env_; }

  // The crates where an impl of a trait for `t` may be written (rustc's orphan rule):
  // those of its ADTs, through the fundamental `&`, Box and Pin.
  void impl_home_crates(TyId t, std::vector<CrateId>& out, int depth = 0);
  // The impl index key of a type's shape.
  SelfTypeKey key_of(TyId t);

 private:
  Selection select_uncached(TyId self, const TraitBound& bound, int depth);
  bool builtin_impl(TyId self, const TraitBound& bound, int depth, Certainty& out);
  Certainty impl_applies(const ImplHeader& h, TyId self, const TraitBound& bound, int depth,
                         Subst& subst);
  std::vector<const ImplHeader*> impl_candidates(TyId self, const Def& trait,
                                                 const std::vector<TyId>& args);
  std::vector<CrateId> sysroot_crates();

  TyDb& t_;
  std::vector<Predicate> env_;
  struct KeyHash {
    size_t operator()(const std::vector<uint32_t>& v) const {
      uint64_t h = 1469598103934665603ULL;
      for (uint32_t x : v) h = (h ^ x) * 1099511628211ULL;
      return static_cast<size_t>(h);
    }
  };
  std::unordered_map<std::vector<uint32_t>, Selection, KeyHash> cache_;  // var-free questions
  std::unordered_map<uint64_t, std::vector<Def>> derives_;
  std::unordered_map<uint64_t, std::vector<const ImplHeader*>> blanket_;  // by trait
  int work_ = 0;  // selections done (bounded)
};

}  // namespace ferret::sema

// What `recv.name` and `Type::name` mean, as rustc's method probe decides it: the
// receiver's autoderef steps (references, Box, every Deref impl, then array to slice),
// and at each step the receiver by value, then `&`, then `&mut`, matched against each
// candidate method's own receiver type (`&self`, `self: Box<Self>`…) — inherent impls
// (and a generic parameter's or trait object's bounds) before the traits in scope.
// Also every field and method a receiver offers, for completion, and the associated
// items of a type used as a path. A picked method is instantiated into a callable
// signature (parameters, return, obligations) for inference.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sema/trait_solver.h"

namespace ferret::sema {

struct Member {
  enum class Kind : uint8_t { Field, Method, AssocConst, AssocType };
  Kind kind = Kind::Method;
  std::string name;
  ItemLoc loc;                      // the field, or the declaration typed from (impl item / trait item)
  CrateId owner = base::kNoCrate;   // the crate whose def map has loc's item
  ItemLoc def_loc;                  // where it is defined for this receiver (the impl's item overriding a trait's)
  CrateId def_owner = base::kNoCrate;
  uint32_t deref_steps = 0;        // autoderef steps through Deref impls (not through `&`)
  uint32_t step = 0;               // the index of the autoderef step it was found at
  uint8_t autoref = 0;              // 0 by value, 1 `&`, 2 `&mut`
  bool from_trait = false;
  bool has_self = false;
  Def trait;
  TyId self_ty = kUnknownTy;        // the type it was found on (Self)
  const ImplHeader* impl = nullptr; // the inherent impl it is in (inherent members)
  Subst subst;                      // the impl's parameters, or the trait's Self and parameters
  TyId field_ty = kUnknownTy;       // fields
  bool hidden = false;              // #[doc(hidden)]
  bool deprecated = false;
  bool uncertain = false;           // its trait may not apply (a where clause could not be decided)
  bool universal = false;           // from a blanket impl for every type (`impl<T> From<T> for T`)
};

// A member instantiated for a call: parameters (the receiver first when `with_self`),
// return type, and what its generics require.
struct Callable {
  std::vector<TyId> params;
  TyId ret = kUnknownTy;
  std::vector<Predicate> obligations;
  bool valid = false;
};

// The traits whose methods may be called at (krate, module): imported, `use … as _`,
// declared in enclosing modules and blocks, and the prelude's.
std::vector<Def> traits_in_scope(TyDb& tdb);

class MethodProbe {
 public:
  MethodProbe(TraitSolver& solver, std::vector<Def> traits);

  TraitSolver& solver() { return s_; }

  // The receiver, then each autoderef step; an array's last step is its slice.
  std::vector<TyId> autoderef(TyId t);
  // `*t`: a reference's or Box's content, a Deref impl's Target; unknown otherwise.
  TyId deref(TyId t);

  std::optional<Member> method(TyId receiver, std::string_view name);
  std::optional<Member> field(TyId receiver, std::string_view name);
  // Every field and method `recv.` offers, nearest step first, each name once.
  std::vector<Member> dot_members(TyId receiver);
  // A type used as a path: its associated fns, consts (and types), inherent first.
  std::vector<Member> assoc_members(TyId self);
  std::optional<Member> assoc(TyId self, std::string_view name);

  // The fields of a struct or variant `def` for a value of type `adt`, in order.
  std::vector<std::pair<std::string, TyId>> fields_of(const Def& def, TyId adt);

  // The member's signature with its generics instantiated (explicit arguments first),
  // receiver included as the first parameter when `with_self`.
  Callable instantiate(const Member& m, const std::vector<TyId>& explicit_args, bool with_self);

  // Where a trait member is defined for a concrete Self: the selected impl's item of
  // that name, if any (sets def_loc).
  void locate_in_impl(Member& m);

 private:
  // `name`: only the members of that name (empty: all).
  void inherent_members(TyId step, uint32_t k, std::vector<Member>& out, bool methods_only, std::string_view name = {});
  void trait_members(TyId step, const Def& trait, uint32_t k, std::vector<Member>& out, bool methods_only,
                     const Subst* subst = nullptr, std::string_view name = {});
  void field_members(TyId step, uint32_t k, std::vector<Member>& out);
  bool visible(const ItemLoc& loc, CrateId krate);
  Member member_for(FileId f, uint32_t item, CrateId owner, ModuleId module);
  TyId probe_type(TyId t);  // integer / float variables probe as i32 / f64
  std::optional<Member> pick(TyId receiver, std::string_view name, bool methods);

  TraitSolver& s_;
  TyDb& t_;
  std::vector<Def> traits_;
};

}  // namespace ferret::sema

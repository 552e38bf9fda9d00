// Types as written (item tree TypeRefs, in items or in body fragments) to type terms:
// paths resolved where the type is written, generic parameters by name, `Self`, type
// aliases expanded, ADT arguments completed with their defaults, `T::Name` and
// `<T as Trait>::Name` as projections, `dyn`/`impl` bounds with their bindings and
// `Fn(A) -> B` sugar; and generics with their bounds and where clauses as predicates.
#pragma once

#include <string>
#include <vector>

#include "index/item_tree.h"
#include "sema/ty_db.h"

namespace ferret::sema {

TyId lower_type(TyDb& tdb, const TypeContext& ctx, uint32_t type_ref);

// An array's length as rustc shows it: a literal, or a const's value when its
// initializer is one (`[u8; MAX_LEN]` with `const MAX_LEN: usize = 15;` is `[u8; 15]`);
// other expressions as written.
std::string array_length(TyDb& tdb, const TypeContext& ctx, std::string_view text);

// A path (of ctx.tree) read as a type.
TyId lower_path_type(TyDb& tdb, const TypeContext& ctx, uint32_t path);

// The trait a bound path names, with its arguments and bindings (None when it does
// not resolve to a trait).
TraitBound lower_trait_ref(TyDb& tdb, const TypeContext& ctx, uint32_t path);

// The generic arguments written on a path's last segment (`Vec<u8>`, `collect::<T>`).
std::vector<TyId> lower_path_args(TyDb& tdb, const TypeContext& ctx, uint32_t path);

// Adds the type parameters of `generics` (an index into ctx.tree's generics) to ctx as
// Params owned by `owner`, and returns them with the predicates of the parameter list
// and the where clause (lowered with ctx including them).
GenericDefs add_generics(TyDb& tdb, TypeContext& ctx, uint32_t generics, uint64_t owner);

// Predicates of bounds [begin, end) of ctx.tree on `self`.
void lower_bounds(TyDb& tdb, const TypeContext& ctx, TyId self, uint32_t begin, uint32_t end,
                  std::vector<Predicate>& out);

// A type as written, with path arguments completed: an ADT with fewer arguments than
// parameters gets the defaults (or fresh variables).
TyId complete_adt_args(TyDb& tdb, const Def& adt, std::vector<TyId> args);

}  // namespace ferret::sema

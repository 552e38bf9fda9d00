// Associated items reached through a qualifier that names a type only in context:
// `Self::` (the enclosing impl's own items, its trait's, the self type's) and `T::`
// for a generic parameter (the items of the traits bounding it, supertraits included).
#pragma once

#include <string_view>
#include <vector>

#include "ide/match.h"
#include "ide/query.h"
#include "sema/def.h"

namespace ferret::ide {

// The traits bounding generic parameter `name` in the items enclosing the cursor
// (`T: Trait`, `where T: Trait`), or none when `name` is no generic parameter here.
// `at`: where to look from (default: the cursor).
bool generic_param_bounds(Query& q, std::string_view name, std::vector<sema::Def>& traits,
                          uint32_t at = UINT32_MAX);

// A trait's items, then its supertraits' (each name once).
void trait_items_with_supertraits(Query& q, const sema::Def& trait, std::vector<Match>& out);

// `Self::` at the cursor; false when the cursor is in no impl or trait.
bool self_qualifier_items(Query& q, std::vector<Match>& out);

// `T::` for a generic parameter T; false when `name` is no generic parameter here.
bool generic_qualifier_items(Query& q, std::string_view name, std::vector<Match>& out);

}  // namespace ferret::ide

// The associated items (fns, consts, types) of an impl or trait block that a query can
// use: cfg'd-out items and, for inherent impls, those private to another module are
// left out. Shared by `Type::` and `Self::`/`T::` completion.
#pragma once

#include <functional>
#include <string_view>

#include "ide/query.h"
#include "sema/impl_index.h"

namespace ferret::ide {

// Calls f(location, name) for each usable associated item of block `item` of `file`
// (an impl when `impl` is given). `owner`: the crate the block belongs to.
void for_each_usable_assoc_item(Query& q, sema::CrateId owner, sema::FileId file, uint32_t item,
                                const sema::ImplRef* impl,
                                const std::function<void(const sema::ItemLoc&, std::string_view)>& f);

}  // namespace ferret::ide

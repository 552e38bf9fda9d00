// The associated items of an impl or trait block: the items written in its body and
// those the macro calls there expanded to (std's `impl u32 { uint_impl! { … } }`).
#pragma once

#include <functional>

#include "sema/database.h"

namespace ferret::sema {

// Calls f(file, item) for each associated item (fn, const, type, or anything else
// written there) of block `item` of `file`, in order, expansions in place of their
// calls. `owner`: the crate whose def map recorded the expansions.
void for_each_assoc_item(Database& db, CrateId owner, FileId file, uint32_t item,
                         const std::function<void(FileId, uint32_t)>& f);

}  // namespace ferret::sema

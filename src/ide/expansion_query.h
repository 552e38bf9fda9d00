// A cursor inside a macro_rules! transcriber, answered where the code really is: in an
// expansion of that macro which the crate's def map made (an item-position call), at
// the byte that came from the cursor's place in the definition. There the types are
// concrete (`$ty` substituted, the struct the macro defines known), so dot completion,
// member definitions and types are those of real code.
#pragma once

#include <memory>

#include "ide/query.h"

namespace ferret::ide {

// A query over the expansion holding the token at `source_offset` of q's file (the
// cursor moved along), or nullptr when no expansion of the crate came from there.
std::unique_ptr<Query> expansion_query(Query& q, uint32_t source_offset);

}  // namespace ferret::ide

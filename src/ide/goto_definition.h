// Find-definition: the definition of the name at the cursor — any path segment
// (modules, items, enum variants, associated items), locals and parameters, struct
// literal and pattern fields, `mod m;` (its file), `extern crate` (the crate root),
// macros; a `use … as alias` answers with the alias, as racer did.
#pragma once

#include <optional>

#include "ide/match.h"
#include "ide/query.h"

namespace ferret::ide {

std::optional<Match> find_definition(Query& q);

}  // namespace ferret::ide

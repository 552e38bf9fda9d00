// `ferret explain`: how the name at the cursor was found, step by step — which scope
// held each segment of its path (a block, the module, a glob, the extern prelude, the
// std prelude), each `use` and `pub use` on the way with where it is written, the
// `extern crate` that names another crate, and the impl an associated item is in.
#pragma once

#include <string>
#include <vector>

#include "ide/query.h"

namespace ferret::ide {

// One line per step, already indented by nesting (re-exports are followed inside).
std::vector<std::string> explain_path_at_cursor(Query& q);

}  // namespace ferret::ide

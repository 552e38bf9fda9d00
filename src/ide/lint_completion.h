// Lint names in lint attributes: `#[allow(dead_c$0)]`, `#![warn(clippy::pedan$0)]`,
// `#[cfg_attr(test, deny(unused_$0))]` (allow, warn, deny, forbid, expect). rustc's
// lints and groups bare, clippy's after `clippy::`; the names are data
// (src/ide/lint_names.inc, made by scripts/gen_lint_names.sh). Each match is a
// Builtin (the compiler's, no source file), so racer's commands print it too.
#pragma once

#include <vector>

#include "ide/completion_context.h"
#include "ide/match.h"
#include "ide/query.h"

namespace ferret::ide {

// True when the cursor is on a lint name of a lint attribute; its matches are added.
bool lint_matches(Query& q, const CompletionContext& c, std::vector<Match>& out);

}  // namespace ferret::ide

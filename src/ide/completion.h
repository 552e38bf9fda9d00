// Completion: from the completion context to ranked matches (docs/PROTOCOL.md order:
// relevance class, then name; hidden and deprecated items last; duplicates once).
#pragma once

#include <vector>

#include "ide/completion_context.h"
#include "ide/match.h"
#include "ide/query.h"

namespace ferret::ide {

struct CompletionResult {
  CompletionContext context;
  std::vector<Match> matches;
  // A longer prefix may find more than these (items to import are looked for only
  // once a prefix is typed): a client filtering this list itself must ask again.
  bool incomplete = false;
};

CompletionResult complete(Query& q);

// racer's `complete PATH::PREFIX`: completes a fully qualified name (`std::io::B`) as
// if written in the crate's root module.
std::vector<Match> complete_qualified_name(sema::Database& db, sema::CrateId krate, std::string_view fqn);

// Shared by completion and definitions: the associated items reachable through
// `Type::` for a resolved type or trait def, written from (krate, module).
void collect_assoc_items(Query& q, const sema::Def& def, std::vector<Match>& out, std::string_view prefix = "");

// The self type of the impl (or the trait) enclosing the cursor, as a def.
sema::Def enclosing_self_type(Query& q);

// Sorts by (hidden, relevance, name) and removes duplicates (same name, file, offset).
void rank_matches(std::vector<Match>& matches);

}  // namespace ferret::ide

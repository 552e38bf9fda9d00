// Turning what name resolution finds into matches: items of item trees, modules,
// crates, builtin types, local bindings and block-local items, imports with aliases.
#pragma once

#include <string>
#include <string_view>

#include "ide/match.h"
#include "ide/query.h"
#include "sema/body_scopes.h"
#include "sema/def.h"

namespace ferret::ide {

MatchKind match_kind_for_item(const index::ItemTree& tree, uint32_t item);

Match match_for_item(sema::Database& db, const sema::ItemLoc& loc, Relevance relevance);
// The same for item `item` of `tree`, which holds the items of `file` (a tree the
// database does not have: a macro body read as code).
Match match_for_tree_item(sema::Database& db, const index::ItemTree& tree, sema::FileId file, uint32_t item,
                          Relevance relevance);
Match match_for_module(sema::Database& db, sema::CrateId krate, sema::ModuleId module);
Match match_for_crate(sema::Database& db, sema::CrateId krate, std::string_view name);
// Places m at core's documentation of a primitive (`mod prim_tuple {}` in
// primitive_docs.rs), when the std sources have it.
void place_at_primitive_docs(sema::Database& db, std::string_view primitive, Match& m);
Match match_for_builtin(sema::Database& db, uint32_t builtin);
// Any def; `name` is the name it is known by where it was found (aliases, extern crates).
Match match_for_def(sema::Database& db, const sema::Def& def, std::string_view name, Relevance relevance);
// A `use … as alias` (racer answers aliases with the alias itself).
Match match_for_import_alias(sema::Database& db, sema::CrateId krate, uint32_t import_record);

Match match_for_local(const Query& q, const sema::LocalBinding& b);
Match match_for_local_item(const Query& q, const sema::LocalItem& item);
// A generic parameter of an enclosing item.
Match match_for_syntax_name(const Query& q, syntax::NodeId name_node, MatchKind kind, std::string context);

// `name(${1:x: T}, ${2:y: U})` for a function (without self), else the name.
std::string snippet_for_item(const index::ItemTree& tree, uint32_t item);

// `crate::a::b`, with `{block}` for block scopes.
std::string describe_module(sema::Database& db, sema::CrateId krate, sema::ModuleId module);

// Whitespace runs collapsed to one space, trimmed.
std::string collapse_whitespace(std::string_view s);

// Whether an item of crate `owner` belongs in completion from the query's crate: an
// item of another crate is offered when it is public, not `#[doc(hidden)]`, and not
// `#[unstable]` unless the crate enables that feature (`#![feature(x)]`). (Resolution
// and find-definition still see it.)
// The item's enclosing modules count too (`#[unstable] pub mod pattern;`), unless it is
// reached through a re-export (`std::ptr::copy_nonoverlapping` from the unstable
// `core::intrinsics`): the path then avoids them.
bool offered_in_completion(Query& q, sema::CrateId owner, const sema::ItemLoc& loc,
                           bool reexported = false);

}  // namespace ferret::ide

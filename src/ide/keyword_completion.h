// Keywords where one can stand, and postfix snippets after `.` (`expr.if` → `if expr {
// }`), as matches without a source file: the racer commands leave them out (their
// protocol has no place for them); the LSP server and the C library offer them.
//   - item position (module, impl or trait body): `fn`, `pub`, `struct`, `impl`…;
//   - statement start: `let` and the expression keywords; inside an expression: `if`,
//     `match`, `loop`, `return`, `move`, `true`, `self` (in a method)…;
//   - after `let` or `&`: `mut` (and `ref` after `let`); a type position: `Self`,
//     `dyn`, `impl`, `crate`…; between a fn's signature and its body: `where`.
#pragma once

#include <vector>

#include "ide/completion_context.h"
#include "ide/match.h"
#include "ide/query.h"

namespace ferret::ide {

void keyword_matches(Query& q, const CompletionContext& c, std::vector<Match>& out);

// `.if`, `.match`, `.let`, `.ref`, `.not`, `.dbg`, `.ok`, `.some`, `.box`, … on the
// receiver of a dot completion: each a MatchKind::Snippet whose snippet replaces the
// receiver and the dot (Match::replace_start).
void postfix_snippets(Query& q, const CompletionContext& c, std::vector<Match>& out);

}  // namespace ferret::ide

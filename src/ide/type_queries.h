// The queries that need types: completion after `.` (fields and methods of the
// receiver's type through every autoderef step, ranked), the definition of
// `recv.member`, and the inferred type of the expression or binding at the cursor.
// Each query infers the body at its cursor once (Query::types).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ide/completion_context.h"
#include "ide/match.h"
#include "ide/query.h"
#include "sema/infer.h"

namespace ferret::ide {

// The inferred body at the query's cursor, or nullptr when the cursor is in no body.
sema::BodyInference* body_types(Query& q);

// The members of the receiver's type whose names start with the prefix.
std::vector<Match> dot_completions(Query& q, const CompletionContext& c);

// The field or method named by the NameRef `name_ref` of a FieldExpr / MethodCallExpr.
std::optional<Match> member_definition(Query& q, syntax::NodeId name_ref);

// Associated items a type gets from trait impls that the impl index alone does not
// show (blanket impls such as `impl<T: Tr> Other for T`), for traits in scope; those
// whose names are in `have` are left out; every type's (`from`, `into`) and those that
// may not apply are offered too, ranked after the rest (with an empty prefix only when
// the query asks for everything there).
void blanket_assoc_items(Query& q, const sema::Def& type_def, std::string_view prefix, const std::set<std::string>& have,
                         std::vector<Match>& out);

// A bare name being written where a type is expected (`let n: usize = le$0`, an
// argument): the locals whose type fits it get Match::type_fit.
void fit_locals_to_expected_type(Query& q, const CompletionContext& c, std::vector<Match>& matches);

// The member `name` after the dot token `dot` inside a macro call's arguments.
std::optional<Match> member_definition_in_tokens(Query& q, uint32_t dot, std::string_view name);

// The type of the innermost expression (or binding) at the cursor, as rustc writes
// types ("{unknown}" when not known); `what` gets the expression's text.
std::string type_at_cursor(Query& q, std::string* what = nullptr);

}  // namespace ferret::ide

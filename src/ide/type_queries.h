// The queries that need types: completion after `.` (fields and methods of the
// receiver's type through every autoderef step, ranked), the definition of
// `recv.member`, and the inferred type of the expression or binding at the cursor.
// Each query infers the body at its cursor once (Query::types).
#pragma once

#include <optional>
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

// The type of the innermost expression (or binding) at the cursor, as rustc writes
// types ("{unknown}" when not known); `what` gets the expression's text.
std::string type_at_cursor(Query& q, std::string* what = nullptr);

}  // namespace ferret::ide

// Values of literal tokens: the text a string literal denotes (escapes and raw
// delimiters removed), and the content of doc comments.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "syntax/token.h"

namespace ferret::syntax {

// The value of a string literal token's text (`"a\nb"`, `r#"x"#`, with an optional
// suffix), or nullopt when the token is not a string literal. Invalid escapes are
// kept as written.
std::optional<std::string> string_literal_value(std::string_view token_text);

// The text of a doc comment token without its markers (`///`, `//!`, `/** */`,
// `/*! */`); for block comments a leading ` * ` on each line is dropped.
std::string doc_comment_text(std::string_view token_text);

}  // namespace ferret::syntax

// Completing inside a macro_rules! transcriber: the rule's body is code with holes
// (`$name`, `$( … )*`), read as the code it becomes. The file's text is rewritten,
// byte for byte the same length, so positions do not move: the macro's header, its
// matchers and its other rules become spaces, `$x` becomes ` x`, repetition markers
// and `$crate`'s `$` disappear. Then the transcriber parses like ordinary items or
// statements in place of the macro.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "syntax/syntax_tree.h"

namespace ferret::ide {

// The rewritten text when `offset` lies inside a transcriber of a macro_rules! in
// `tree` (parsed from `text`); nullopt otherwise.
std::optional<std::string> macro_body_as_code(const syntax::SyntaxTree& tree, std::string_view text, uint32_t offset);

}  // namespace ferret::ide

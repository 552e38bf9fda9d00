// Parsing one macro fragment (`$x:ty`, `$e:expr`, …) at a position of a token stream:
// the macro_rules matcher asks how many tokens the fragment spans. The same grammar as
// parse(), so a fragment matches exactly what rustc would parse there.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "syntax/token.h"

namespace ferret::syntax {

enum class FragmentKind : uint8_t { Item, Stmt, Pat, PatParam, Expr, Ty, Path, Vis, Meta };

namespace detail {
class Parser;
}

class FragmentParser {
 public:
  // `tokens` index into `text` (no Eof needed); both must outlive the parser.
  FragmentParser(std::string_view text, std::vector<Token> tokens, Edition edition);
  ~FragmentParser();
  FragmentParser(const FragmentParser&) = delete;
  FragmentParser& operator=(const FragmentParser&) = delete;

  // The token index just past the fragment of `kind` starting at token `begin`, not
  // reading at or past `limit`; UINT32_MAX when no fragment parses there without errors.
  // A Vis fragment may be empty (returns begin).
  uint32_t fragment_end(FragmentKind kind, uint32_t begin, uint32_t limit);

 private:
  std::unique_ptr<detail::Parser> parser_;
};

}  // namespace ferret::syntax

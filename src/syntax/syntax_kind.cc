// Names of syntax kinds for tree dumps: SourceFile -> SOURCE_FILE.
#include "syntax/syntax_kind.h"

#include <array>
#include <string>

namespace ferret::syntax {

namespace {

constexpr std::string_view kCamelNames[] = {
#define FERRET_X(name) #name,
    FERRET_SYNTAX_KINDS(FERRET_X)
#undef FERRET_X
};

constexpr size_t kCount = sizeof(kCamelNames) / sizeof(kCamelNames[0]);

std::array<std::string, kCount> make_screaming_names() {
  std::array<std::string, kCount> out;
  for (size_t i = 0; i < kCount; ++i) {
    std::string s;
    for (size_t j = 0; j < kCamelNames[i].size(); ++j) {
      char c = kCamelNames[i][j];
      if (c >= 'A' && c <= 'Z') {
        if (j > 0) s += '_';
        s += c;
      } else {
        s += static_cast<char>(c - 'a' + 'A');
      }
    }
    out[i] = std::move(s);
  }
  return out;
}

}  // namespace

std::string_view syntax_kind_name(SyntaxKind k) {
  static const std::array<std::string, kCount> names = make_screaming_names();
  size_t i = static_cast<size_t>(k);
  return i < kCount ? std::string_view(names[i]) : std::string_view("?");
}

}  // namespace ferret::syntax

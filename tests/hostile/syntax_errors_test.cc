// Hostile text for the lexer and parser: an error on every byte. Only the first
// kMaxKeptSyntaxErrors keep their messages (all are counted), so such a file costs
// about what valid code of its size does, and an incremental reparse of it falls back
// to a whole parse instead of guessing which uncounted errors remain.
#include <gtest/gtest.h>

#include <string>

#include "syntax/lexer.h"
#include "syntax/parse.h"
#include "syntax/reparse.h"

namespace ferret::syntax {
namespace {

TEST(HostileSyntax, AParserErrorOnEveryByteKeepsTheFirstMessagesInOrder) {
  const size_t n = size_t{1} << 20;
  const std::string text(n, ';');  // `;` where an item should be
  SyntaxTree tree = parse(text, {});
  EXPECT_EQ(tree.error_count(), n);
  ASSERT_EQ(tree.errors().size(), kMaxKeptSyntaxErrors);
  for (size_t i = 0; i < tree.errors().size(); ++i) EXPECT_EQ(tree.errors()[i].offset, i);
}

TEST(HostileSyntax, ALexerErrorOnEveryOtherByteIsCountedToo) {
  const size_t n = size_t{1} << 19;
  std::string text;
  for (size_t i = 0; i < n; ++i) text += "\x80 ";  // invalid UTF-8, one run each
  LexResult lexed = lex(text, Edition::E2021);
  EXPECT_EQ(lexed.error_count, n);
  EXPECT_EQ(lexed.errors.size(), kMaxKeptSyntaxErrors);
  SyntaxTree tree = parse(text, {});
  EXPECT_EQ(tree.error_count(), n);
  EXPECT_EQ(tree.errors().size(), kMaxKeptSyntaxErrors);
}

TEST(HostileSyntax, ReparseOfATreeWithUnkeptErrorsParsesWhole) {
  std::string text = "fn f() { let x = 1; }\n" + std::string(kMaxKeptSyntaxErrors + 10, ';');
  SyntaxTree old = parse(text, {});
  ASSERT_GT(old.error_count(), old.errors().size());
  std::string edited = text;
  edited.replace(text.find('1'), 1, "2");  // inside the body: reparsable otherwise
  EXPECT_FALSE(reparse(old, edited, {}, nullptr).has_value());

  // The same edit with few errors is reparsed, and equals a whole parse.
  std::string few = "fn f() { let x = 1; }\n;;;\n";
  SyntaxTree small = parse(few, {});
  std::string few_edited = few;
  few_edited.replace(few.find('1'), 1, "2");
  std::optional<SyntaxTree> re = reparse(small, few_edited, {}, nullptr);
  ASSERT_TRUE(re.has_value());
  EXPECT_EQ(re->error_count(), parse(few_edited, {}).error_count());
}

}  // namespace
}  // namespace ferret::syntax

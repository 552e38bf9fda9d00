// Where a completion's `use` goes: merged into a `use` of the same parent, sorted among
// the module's `use` items, before the first item, inside the cursor's inline module;
// nothing when the name is already imported.
#include "ide/import_insertion.h"

#include <gtest/gtest.h>

#include <string>

#include "syntax/parse.h"

namespace ferret::ide {
namespace {

// The text after the edit that imports `path` for a cursor at `$0`.
std::string imported(std::string text, std::string_view path) {
  size_t cursor = text.find("$0");
  text.erase(cursor, 2);
  syntax::SyntaxTree tree = syntax::parse(text);
  std::optional<TextEdit> e = import_edit(tree, static_cast<uint32_t>(cursor), path);
  if (!e) return "(unchanged)";
  return text.substr(0, e->start) + e->text + text.substr(e->end);
}

TEST(ImportInsertion, MergedIntoAUseOfTheSameParent) {
  EXPECT_EQ(imported("use std::ops::Deref;\nfn f() { $0 }\n", "std::ops::DerefMut"),
            "use std::ops::{Deref, DerefMut};\nfn f() {  }\n");
  EXPECT_EQ(imported("use std::ops::{Index, Deref};\nfn f() { $0 }\n", "std::ops::Add"),
            "use std::ops::{Add, Deref, Index};\nfn f() {  }\n");
  EXPECT_EQ(imported("use std::io::{self, Read};\nfn f() { $0 }\n", "std::io::BufRead"),
            "use std::io::{self, BufRead, Read};\nfn f() {  }\n");
}

TEST(ImportInsertion, AlreadyImportedChangesNothing) {
  EXPECT_EQ(imported("use std::ops::Deref;\nfn f() { $0 }\n", "std::ops::Deref"), "(unchanged)");
  EXPECT_EQ(imported("use std::ops::{Add, Deref};\nfn f() { $0 }\n", "std::ops::Deref"),
            "(unchanged)");
}

TEST(ImportInsertion, NewLineInSortedPlaceAmongTheUses) {
  EXPECT_EQ(imported("use a::b;\nuse std::fmt;\n\nfn f() { $0 }\n", "rand::Rng"),
            "use a::b;\nuse rand::Rng;\nuse std::fmt;\n\nfn f() {  }\n");
  EXPECT_EQ(imported("use a::b;\n\nfn f() { $0 }\n", "zed::Z"),
            "use a::b;\nuse zed::Z;\n\nfn f() {  }\n");
}

TEST(ImportInsertion, BeforeTheFirstItemAfterInnerAttributes) {
  EXPECT_EQ(imported("#![allow(dead_code)]\n\nfn f() { $0 }\n", "rand::Rng"),
            "#![allow(dead_code)]\n\nuse rand::Rng;\n\nfn f() {  }\n");
  EXPECT_EQ(imported("$0", "rand::Rng"), "use rand::Rng;\n");
}

TEST(ImportInsertion, InsideTheCursorsInlineModule) {
  EXPECT_EQ(imported("mod m {\n    use x::Y;\n    fn f() { $0 }\n}\n", "x::Z"),
            "mod m {\n    use x::{Y, Z};\n    fn f() {  }\n}\n");
  EXPECT_EQ(imported("mod m {\n    fn f() { $0 }\n}\n", "x::Z"),
            "mod m {\n    use x::Z;\n\n    fn f() {  }\n}\n");
}

TEST(ImportInsertion, UsesItCannotReadAreLeftAlone) {
  EXPECT_EQ(imported("use std::ops::Deref as D;\nfn f() { $0 }\n", "std::ops::DerefMut"),
            "use std::ops::Deref as D;\nuse std::ops::DerefMut;\nfn f() {  }\n");
  EXPECT_EQ(imported("fn f() { $0 }\n", "Single"), "(unchanged)");
}

}  // namespace
}  // namespace ferret::ide

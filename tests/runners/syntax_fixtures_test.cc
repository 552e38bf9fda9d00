// Syntax fixtures: every tests/fixtures/syntax/**/NAME.rs is parsed and its S-expression
// dump (plus errors) compared with NAME.expected. A first line `//- edition:2015` or
// `//- skeleton` sets the parse options.
#include <gtest/gtest.h>

#include "support/fixture.h"
#include "syntax/parse.h"
#include "syntax/tree_dump.h"

namespace ferret::testing {
namespace {

using syntax::Edition;

syntax::ParseOptions options_from_header(const std::string& text) {
  syntax::ParseOptions o;
  if (text.rfind("//-", 0) != 0) return o;
  std::string header = text.substr(0, text.find('\n'));
  if (header.find("edition:2015") != std::string::npos) o.edition = Edition::E2015;
  if (header.find("edition:2018") != std::string::npos) o.edition = Edition::E2018;
  if (header.find("edition:2024") != std::string::npos) o.edition = Edition::E2024;
  if (header.find("skeleton") != std::string::npos) o.skeleton = true;
  return o;
}

class SyntaxFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(SyntaxFixture, MatchesExpected) {
  std::string dir = fixtures_root() + "/syntax/";
  std::string path = dir + GetParam();
  std::string text = read_file(path);
  syntax::SyntaxTree tree = syntax::parse(text, options_from_header(text));
  std::string expected_path = path.substr(0, path.size() - 3) + ".expected";
  check_expected(expected_path, syntax::dump_sexpr(tree));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SyntaxFixture,
                         ::testing::ValuesIn(find_files(fixtures_root() + "/syntax", ".rs")),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return test_name_of(param.param);
                         });

}  // namespace
}  // namespace ferret::testing

// The daemon serves many commands from one session: what one command's SUBSTITUTE set
// must not answer a later command (a stale buffer winning over the saved file for
// good), nor pile up, one buffer per file ever substituted.
#include <gtest/gtest.h>

#include <string>

#include "support/run_program.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

TEST(HostileDaemon, ASubstituteLastsOneCommand) {
  TempDir dir("daemon");
  auto text = [](const std::string& name) {
    return "macro_rules! m { () => { fn alpha_" + name + "() {} } }\nm!();\nfn alpha_fn_" + name +
           "() {}\nfn main() { alp }\n";
  };
  dir.write("main.rs", text("saved"));
  dir.write("buffer.rs", text("unsaved"));
  dir.write("other.rs", "fn other() {}\n");
  std::string commands =
      "complete 4 15 main.rs buffer.rs\n"  // the unsaved buffer
      "complete 4 15 main.rs\n"            // no SUBSTITUTE: the saved file
      "complete 4 15 main.rs buffer.rs\n"  // the buffer again
      "complete 1 5 other.rs other.rs\n"   // another file's command drops main.rs's buffer
      "complete 4 15 main.rs\n\n";
  std::string stdin_path = dir.write("commands.txt", commands);
  RunResult r =
      run_program({FERRET_BINARY, "daemon"}, {.cwd = dir.str(),
                                              .env = {{"FERRET_CACHE_DIR", FERRET_TEST_CACHE_DIR}},
                                              .stdin_path = stdin_path});
  ASSERT_EQ(r.describe(), "exit 0") << r.err;
  std::vector<std::string> answers;
  for (size_t start = 0, end; (end = r.out.find("END\n", start)) != std::string::npos;
       start = end + 4) {
    answers.push_back(r.out.substr(start, end - start));
  }
  ASSERT_EQ(answers.size(), 5u) << r.out;
  auto says = [&](size_t i, const std::string& name) {
    return answers[i].find("MATCH " + name + ",") != std::string::npos;
  };
  EXPECT_TRUE(says(0, "alpha_unsaved") && says(0, "alpha_fn_unsaved") && !says(0, "alpha_saved"))
      << answers[0];
  EXPECT_TRUE(says(1, "alpha_saved") && says(1, "alpha_fn_saved") && !says(1, "alpha_unsaved"))
      << answers[1];
  EXPECT_TRUE(says(2, "alpha_unsaved") && !says(2, "alpha_saved")) << answers[2];
  EXPECT_TRUE(says(4, "alpha_saved") && !says(4, "alpha_unsaved")) << answers[4];
}

}  // namespace
}  // namespace ferret::testing

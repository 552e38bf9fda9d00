// The hostile tests' runner itself: a hang is killed at the limit and reported, exit
// statuses and signals are told apart, output and environment arrive.
#include <gtest/gtest.h>

#include "support/run_program.h"

namespace ferret::testing {
namespace {

TEST(HostileRunner, KillsAHangAtTheLimit) {
  RunResult r = run_program({"sleep", "30"}, {.timeout_ms = 200});
  EXPECT_TRUE(r.started);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.describe(), "timed out");
}

TEST(HostileRunner, ReportsExitSignalOutputAndEnvironment) {
  RunResult ok = run_program({"sh", "-c", "echo \"$HOSTILE_X\"; echo e >&2; exit 3"},
                             {.env = {{"HOSTILE_X", "hi"}}});
  EXPECT_EQ(ok.out, "hi\n");
  EXPECT_EQ(ok.err, "e\n");
  EXPECT_EQ(ok.describe(), "exit 3");
  RunResult killed = run_program({"sh", "-c", "kill -SEGV $$"});
  EXPECT_EQ(killed.describe(), "signal 11");
  EXPECT_FALSE(run_program({"/nonexistent/program"}).started);
}

}  // namespace
}  // namespace ferret::testing

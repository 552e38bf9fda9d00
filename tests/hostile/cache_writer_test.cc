// The cache's writers leave nothing behind and end by themselves: temp files of a
// writer killed mid-write are swept (once a day, by a process that writes); the
// detached child that writes a one-shot command's entries exits when done, also when
// the disk refuses its writes, and an alarm ends it when it blocks.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "frontends/background_flush.h"
#include "frontends/stale_temp_sweep.h"
#include "index/cache_store.h"
#include "support/run_program.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void set_age(const fs::path& p, std::chrono::seconds age) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - age);
}

// A small crate and its cache folder.
class WriterWorld {
 public:
  WriterWorld() : dir_("writer") {
    dir_.write("crate/Cargo.toml",
               "[package]\nname = \"w\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    edit(0);
  }
  // Rewrites main.rs (a new text: a query after it has entries to write).
  void edit(int n) const {
    dir_.write("crate/src/main.rs",
               "fn helper" + std::to_string(n) +
                   "() {}\nfn main() {\n    let v = vec![1u8];\n    v.le\n}\n");
  }
  fs::path cache() const { return dir_.path() / "cache"; }
  fs::path root() const { return cache() / ("v" + std::to_string(index::kCacheFormatVersion)); }

  // `ferret complete` at `v.le|`, optionally under `sh -c 'ulimit -f N; exec …'`.
  RunResult complete(bool sync, int file_size_limit_blocks = -1) const {
    std::vector<std::string> argv = {FERRET_BINARY, "complete", "4", "8", "src/main.rs"};
    if (file_size_limit_blocks >= 0) {
      argv.insert(argv.begin(),
                  {"sh", "-c",
                   "ulimit -f " + std::to_string(file_size_limit_blocks) + "; exec \"$@\"", "sh"});
    }
    std::vector<std::pair<std::string, std::string>> env = {
        {"FERRET_CACHE_DIR", cache().string()}, {"FERRET_SYNC_CACHE", sync ? "1" : "0"}};
    return run_program(argv,
                       {.cwd = (dir_.path() / "crate").string(), .env = env, .timeout_ms = 300000});
  }

  std::vector<fs::path> files_named(const std::string& ext) const {
    std::vector<fs::path> out;
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(cache())) {
      if (e.path().extension() == ext) out.push_back(e.path());
    }
    return out;
  }

 private:
  TempDir dir_;
};

TEST(HostileCacheWriter, TempFilesOfKilledWritersAreSweptOnceADay) {
  WriterWorld w;
  fs::path shard = w.root() / "itemtree" / "ab";
  fs::create_directories(shard);
  // What `kill -9` between a write and its rename leaves: <entry>.<pid>-<n>-<random>.tmp.
  fs::path stale = shard / "abcdef0123456789.4242-0-0123abcd.tmp";
  fs::path live = shard / "abcdef0123456789.4243-1-89abcdef.tmp";  // a writer at work
  fs::path other = shard / "notes.tmp";                            // not a temp file of ours
  for (const fs::path& p : {stale, live, other}) std::ofstream(p) << "partial";
  set_age(stale, 2h);
  set_age(other, 48h);

  RunResult first = w.complete(true);
  ASSERT_EQ(first.describe(), "exit 0") << first.err;
  EXPECT_NE(first.out.find("MATCH len,"), std::string::npos) << first.out;
  EXPECT_FALSE(fs::exists(stale)) << "a dead writer's temp file stayed";
  EXPECT_TRUE(fs::exists(live)) << "a recent temp file (a live writer's) was removed";
  EXPECT_TRUE(fs::exists(other));
  ASSERT_TRUE(fs::exists(w.root() / "last-sweep"));

  // Swept today: the next writing command does not walk the cache again...
  std::ofstream(stale) << "partial";
  set_age(stale, 2h);
  w.edit(1);
  ASSERT_EQ(w.complete(true).describe(), "exit 0");
  EXPECT_TRUE(fs::exists(stale));
  // ...until a day has passed.
  set_age(w.root() / "last-sweep", 25h);
  w.edit(2);
  ASSERT_EQ(w.complete(true).describe(), "exit 0");
  EXPECT_FALSE(fs::exists(stale));
}

TEST(HostileCacheWriter, TempFileNamesAreRecognizedExactly) {
  for (int i = 0; i < 1000; ++i) {  // every name put() writes to is one the sweep knows
    std::string temp = frontends::cache_temp_path("/c/v1/itemtree/01/0123456789abcdef");
    EXPECT_TRUE(frontends::is_cache_temp_name(fs::path(temp).filename().string())) << temp;
  }
  EXPECT_TRUE(frontends::is_cache_temp_name("0123456789abcdef.1-0-00000000.tmp"));
  EXPECT_TRUE(frontends::is_cache_temp_name("0123456789abcdef.4194304-17-deadbeef.tmp"));
  for (const char* name : {"0123456789abcdef", "0123456789abcdef.tmp",
                           "0123456789abcdeg.1-0-00000000.tmp", "0123456789abcdef.1-0-0000000.tmp",
                           "0123456789abcdef.x-0-00000000.tmp", "0123456789abcdef.1--00000000.tmp",
                           "0123456789abcdef.1-0-00000000.tmp.x", "last-sweep", ".tmp"}) {
    EXPECT_FALSE(frontends::is_cache_temp_name(name)) << name;
  }
}

// Waits (up to a generous limit) for every child of this process to end; returns
// their statuses, or fewer when one is still running at the limit.
std::vector<int> reap_children(std::chrono::seconds limit) {
  std::vector<int> statuses;
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      statuses.push_back(status);
      continue;
    }
    if (pid < 0 && errno == ECHILD) return statuses;
    std::this_thread::sleep_for(20ms);
  }
  statuses.push_back(-1);  // still running
  return statuses;
}

std::string describe_status(int status) {
  if (status == -1) return "still running";
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "?";
}

TEST(HostileCacheWriter, TheDetachedWriterEndsWhenDoneEvenWhenWritesFail) {
  // The detached writer outlives the command; as this process's subreaper child it is
  // reparented here, so its end can be awaited.
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  WriterWorld w;
  ASSERT_EQ(w.complete(true).describe(), "exit 0");  // std in the cache: little left to write

  // Writes that succeed: the child writes the new entries and exits.
  w.edit(1);
  RunResult r = w.complete(false);
  ASSERT_EQ(r.describe(), "exit 0") << r.err;
  EXPECT_NE(r.out.find("MATCH len,"), std::string::npos) << r.out;
  std::vector<int> ended = reap_children(120s);
  ASSERT_FALSE(ended.empty()) << "no detached writer ran";
  for (int status : ended) EXPECT_EQ(describe_status(status), "exit 0");
  EXPECT_TRUE(w.files_named(".tmp").empty());

  // Writes that fail (a file size limit of 0 blocks stands in for a full disk): the
  // answer is the same, the child stops writing and exits, nothing is left behind;
  // with FERRET_SYNC_CACHE=1 the command itself is not killed by the failing write.
  for (bool sync : {false, true}) {
    w.edit(sync ? 3 : 2);
    RunResult full = w.complete(sync, 0);
    ASSERT_EQ(full.describe(), "exit 0") << (sync ? "in place: " : "detached: ") << full.err;
    EXPECT_NE(full.out.find("MATCH len,"), std::string::npos) << full.out;
    for (int status : reap_children(120s)) EXPECT_EQ(describe_status(status), "exit 0");
    EXPECT_TRUE(w.files_named(".tmp").empty());
  }
}

TEST(HostileCacheWriter, ADetachedWriterThatBlocksIsEndedAtItsLimit) {
  ::unsetenv("FERRET_SYNC_CACHE");  // the work must run in a child
  pid_t pid = frontends::run_detached(
      [] {
        for (;;) ::pause();  // blocked for good, as on a hung file system
      },
      1s);
  ASSERT_GT(pid, 0);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + 120s;
  pid_t done = 0;
  while (done == 0 && std::chrono::steady_clock::now() < deadline) {
    done = ::waitpid(pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(20ms);
  }
  if (done == 0) ::kill(pid, SIGKILL);
  ASSERT_EQ(done, pid) << "the detached writer was still running";
  EXPECT_EQ(describe_status(status), "signal " + std::to_string(SIGALRM));
}

}  // namespace
}  // namespace ferret::testing

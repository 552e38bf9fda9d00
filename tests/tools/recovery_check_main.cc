// ferret_recovery_check [--cuts N] [--seed S] DIR…: the recovery property on every .rs
// file below the folders; prints the fraction of items found and exits 1 on a miss.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "support/fixture.h"
#include "support/recovery_check.h"

int main(int argc, char** argv) {
  int cuts = 20;
  uint64_t seed = 1;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cuts") == 0 && i + 1 < argc) {
      cuts = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      dirs.push_back(argv[i]);
    }
  }
  ferret::testing::RecoveryStats stats;
  for (const std::string& dir : dirs) {
    for (const std::string& rel : ferret::testing::find_files(dir, ".rs")) {
      std::string path = dir + "/" + rel;
      ferret::testing::check_recovery(path, ferret::testing::read_file(path),
                                      ferret::syntax::Edition::E2021, cuts, seed, stats);
    }
  }
  for (const std::string& m : stats.misses) std::printf("missing %s\n", m.c_str());
  double pct = stats.items_expected ? 100.0 * stats.items_found / stats.items_expected : 100.0;
  std::printf("recovery: %zu files, %zu cuts, %zu/%zu items before the cut found (%.3f%%)\n",
              stats.files, stats.cuts, stats.items_found, stats.items_expected, pct);
  return stats.items_found == stats.items_expected ? 0 : 1;
}

// The on-disk cache is an optimisation, never a source of truth: for every kind of
// entry the cache holds, each way a file can be damaged (a flipped byte, cut short,
// deleted, swapped with another entry of its kind or of another kind, zeroed, garbage)
// leaves the answers of the real binary — completion, find-definition and type on a
// small multi-file crate using macro_rules!-made items and std — equal to a clean
// cache's, on the damaged cache and again on the cache that run repaired. Entries
// damaged inside a valid frame (as a faulty build would write them) may change an
// answer but never crash or hang a command. Under ASan each damage hits one half of
// a kind's entries, not each half in turn.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "index/cache_store.h"
#include "support/run_program.h"
#include "support/sanitizer.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMain = R"(#[macro_use]
mod units;
mod shapes;

use shapes::Square;
use units::Meters;

fn main() {
    let m = Meters::new(3);
    let total = m.value() + 1;
    let sq = Square { side: m };
    let n: u32 = 7;
    let big = n.checked_add(total);
    let names = vec![String::from("a")];
    println!("{:?} {:?} {}", big, names, sq.side.value());
}
)";

constexpr const char* kUnits = R"(macro_rules! unit {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy)]
        pub struct $name(pub u32);
        impl $name {
            pub fn new(v: u32) -> $name { $name(v) }
            pub fn value(&self) -> u32 { self.0 }
        }
    };
}

unit!(Meters);
unit!(Seconds);
)";

constexpr const char* kShapes = R"(use crate::units::Meters;

pub struct Square {
    pub side: Meters,
}
)";

// Each query's command line after `ferret`; main.rs's lines as above.
const std::vector<std::vector<std::string>> kQueries = {
    {"complete", "9", "21", "src/main.rs"},          // Meters::n| : a macro-made fn
    {"find-definition", "9", "16", "src/main.rs"},   // Meters: a macro-made struct
    {"complete", "13", "19", "src/main.rs"},         // n.che| : core's macro-made methods
    {"find-definition", "15", "52", "src/main.rs"},  // sq.side.value(): through a field
    {"type", "10", "9", "src/main.rs"},              // total: u32
    {"type", "14", "9", "src/main.rs"},              // names: Vec<String>
};

// The kinds of entry the cache holds today: the test fails if one of them is not
// exercised, and exercises any other it finds.
const std::vector<std::string> kKnownKinds = {"defhead", "defmacros", "defmap", "itemtree",
                                              "project"};

enum class Mutation { Flip, Truncate, Delete, SwapSameKind, SwapOtherKind, Zeros, Garbage };
const std::vector<std::pair<Mutation, const char*>> kMutations = {
    {Mutation::Flip, "flip a byte"},
    {Mutation::Truncate, "truncate"},
    {Mutation::Delete, "delete"},
    {Mutation::SwapSameKind, "swap with an entry of the same kind"},
    {Mutation::SwapOtherKind, "swap with an entry of another kind"},
    {Mutation::Zeros, "replace with zero bytes"},
    {Mutation::Garbage, "replace with garbage"},
};

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Replaces a file by a new one (never writes into it: the pristine copy shares inodes).
void replace_bytes(const fs::path& p, const std::string& bytes) {
  fs::remove(p);
  std::ofstream(p, std::ios::binary) << bytes;
}

bool is_entry_name(const std::string& name) {
  return name.size() == 16 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// A crate, its cache folder, and a pristine copy of a warm cache to restore from.
class CacheWorld {
 public:
  CacheWorld() : dir_("cache") {
    dir_.write("crate/Cargo.toml",
               "[package]\nname = \"units\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    dir_.write("crate/src/main.rs", kMain);
    dir_.write("crate/src/units.rs", kUnits);
    dir_.write("crate/src/shapes.rs", kShapes);
  }

  fs::path cache() const { return dir_.path() / "cache"; }
  fs::path entries_root() const {
    return cache() / ("v" + std::to_string(index::kCacheFormatVersion));
  }

  // Every query's exit status and output, in order.
  std::string answers() const {
    std::string out;
    for (const std::vector<std::string>& q : kQueries) {
      std::vector<std::string> argv = {FERRET_BINARY};
      argv.insert(argv.end(), q.begin(), q.end());
      RunResult r = run_program(
          argv, {.cwd = (dir_.path() / "crate").string(),
                 .env = {{"FERRET_CACHE_DIR", cache().string()}, {"FERRET_SYNC_CACHE", "1"}},
                 .timeout_ms = 300000});
      out += "$ " + q[0] + " " + q[1] + " " + q[2] + ": " + r.describe() + "\n" + r.out;
    }
    return out;
  }

  void keep_pristine() const { fs::copy(cache(), pristine(), fs::copy_options::recursive); }
  // The cache as kept: hard links, so restoring costs nothing; mutations and the
  // store both replace files instead of writing into them.
  void restore() const {
    fs::remove_all(cache());
    fs::copy(pristine(), cache(),
             fs::copy_options::recursive | fs::copy_options::create_hard_links);
  }

  // kind -> its entry files, sorted.
  std::map<std::string, std::vector<fs::path>> entries() const {
    std::map<std::string, std::vector<fs::path>> out;
    for (const fs::directory_entry& kind : fs::directory_iterator(entries_root())) {
      if (!kind.is_directory()) continue;
      std::vector<fs::path>& files = out[kind.path().filename().string()];
      for (const fs::directory_entry& e : fs::recursive_directory_iterator(kind.path())) {
        if (e.is_regular_file() && is_entry_name(e.path().filename().string()))
          files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
    }
    return out;
  }

  std::vector<fs::path> temp_files() const {
    std::vector<fs::path> out;
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(cache())) {
      if (e.path().extension() == ".tmp") out.push_back(e.path());
    }
    return out;
  }

 private:
  fs::path pristine() const { return dir_.path() / "pristine"; }
  TempDir dir_;
};

// Damages the entries of `kind` with parity `half` (every other one: a map whose
// entries are partly good and partly damaged is the interesting case), by `m`.
void damage(const std::map<std::string, std::vector<fs::path>>& all, const std::string& kind,
            Mutation m, size_t half) {
  const std::vector<fs::path>& files = all.at(kind);
  std::vector<std::string> originals;
  for (const fs::path& p : files) originals.push_back(read_bytes(p));
  // The next kind's entries (in name order, wrapping around), for swaps across kinds.
  auto next = all.upper_bound(kind);
  if (next == all.end()) next = all.begin();
  const std::vector<fs::path>& other = next->second;
  for (size_t i = half; i < files.size(); i += 2) {
    const std::string& bytes = originals[i];
    std::string changed = bytes;
    switch (m) {
      case Mutation::Flip: {
        size_t at = bytes.size() > 48 ? 48 + (bytes.size() - 48) / 2 : bytes.size() / 2;
        if (!changed.empty()) changed[at] = static_cast<char>(changed[at] ^ 0x5a);
        break;
      }
      case Mutation::Truncate: changed.resize(bytes.size() / 2); break;
      case Mutation::Delete: fs::remove(files[i]); continue;
      case Mutation::SwapSameKind: changed = originals[(i + 1) % files.size()]; break;
      case Mutation::SwapOtherKind:
        changed = other.empty() ? std::string() : read_bytes(other[i % other.size()]);
        break;
      case Mutation::Zeros: changed.assign(bytes.size(), '\0'); break;
      case Mutation::Garbage: {
        uint64_t x = 0x9e3779b97f4a7c15ull * (i + 1);
        for (char& c : changed) {
          x ^= x << 13;
          x ^= x >> 7;
          x ^= x << 17;
          c = static_cast<char>(x);
        }
        break;
      }
    }
    replace_bytes(files[i], changed);
  }
}

class HostileCache : public ::testing::TestWithParam<std::string> {};

TEST_P(HostileCache, EveryDamageOfItsEntriesLeavesTheAnswersOfACleanCache) {
  const std::string kind = GetParam();
  CacheWorld world;
  std::string clean = world.answers();  // cold: fills the cache
  ASSERT_NE(clean.find("MATCH new,"), std::string::npos) << clean;
  ASSERT_NE(clean.find("MATCH checked_add,437,"), std::string::npos) << clean;  // core's macro body
  ASSERT_NE(clean.find("Vec<String>"), std::string::npos) << clean;
  ASSERT_EQ(world.answers(), clean) << "a warm cache answered differently";
  world.keep_pristine();

  std::map<std::string, std::vector<fs::path>> all = world.entries();
  for (const std::string& known : kKnownKinds) {
    ASSERT_FALSE(all[known].empty()) << "the cache holds no " << known << " entry";
  }
  for (const auto& [k, files] : all) {
    EXPECT_TRUE(std::find(kKnownKinds.begin(), kKnownKinds.end(), k) != kKnownKinds.end())
        << "a new kind of cache entry, `" << k << "`: add it to kKnownKinds";
  }
  for (const auto& [mutation, name] : kMutations) {
    for (size_t half : {0, 1}) {
      if (all[kind].size() <= half) continue;
      if (kSanitized && half == 1) continue;  // each run ten times slower: one half there
      world.restore();
      damage(world.entries(), kind, mutation, half);
      EXPECT_EQ(world.answers(), clean) << kind << " entries: " << name << " (half " << half << ")";
      EXPECT_EQ(world.answers(), clean) << kind << " entries: " << name << ", then repaired";
      EXPECT_TRUE(world.temp_files().empty()) << kind << ": " << name;
    }
  }
}

// Entries damaged inside a valid frame (the checksum recomputed, as a faulty build or
// a colliding key would leave them): a changed byte in every entry of every kind, and
// payloads replaced by garbage. The answers may change; the commands still answer.
TEST(HostileCacheFramed, DamageInsideAValidFrameNeverCrashesOrHangs) {
  CacheWorld world;
  std::string clean = world.answers();
  ASSERT_NE(clean.find("MATCH new,"), std::string::npos) << clean;
  world.keep_pristine();
  for (bool garbage : {false, true}) {
    world.restore();
    for (const auto& [kind, files] : world.entries()) {
      for (size_t i = 0; i < files.size(); ++i) {
        std::string stored = read_bytes(files[i]);
        ASSERT_GE(stored.size(), index::kEntryHeaderSize);
        uint64_t key = 0;
        for (int b = 0; b < 8; ++b)
          key |= uint64_t{static_cast<unsigned char>(stored[24 + b])} << (8 * b);
        std::string payload = stored.substr(index::kEntryHeaderSize);
        if (payload.empty()) continue;
        if (garbage) {
          for (size_t k = 0; k < payload.size(); ++k)
            payload[k] = static_cast<char>((k * 131 + i * 7) ^ 0xa5);
        } else {
          size_t at = (i * 7919) % payload.size();
          payload[at] = static_cast<char>(payload[at] ^ (1 << (i % 8)));
        }
        replace_bytes(files[i], index::frame_entry(kind, key, index::kCacheFormatVersion, payload));
      }
    }
    std::string damaged = world.answers();
    for (const std::vector<std::string>& q : kQueries) {
      std::string line = "$ " + q[0] + " " + q[1] + " " + q[2] + ": exit 0\n";
      EXPECT_NE(damaged.find(line), std::string::npos) << (garbage ? "garbage" : "flips") << ":\n"
                                                       << damaged;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, HostileCache, ::testing::ValuesIn(kKnownKinds),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace ferret::testing

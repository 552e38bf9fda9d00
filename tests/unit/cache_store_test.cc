// Unit tests of the persistent cache: content hashes, the entry framing (every
// corruption and truncation is caught), the memory and null stores, and the disk store
// (layout, damaged files rebuilt, environment rules, unusable folders, and concurrent
// writers in several threads and processes never exposing a mixed entry).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "frontends/disk_cache_store.h"
#include "index/cache_store.h"
#include "index/content_hash.h"

namespace ferret {
namespace {

namespace fs = std::filesystem;
using frontends::DiskCacheStore;
using index::frame_entry;
using index::kEntryHeaderSize;
using index::unframe_entry;

// Bytes 0..255 repeated, with a seed so payloads differ.
std::string pattern(size_t size, uint32_t seed = 0) {
  std::string s(size, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < size; ++i) {
    x = x * 1664525u + 1013904223u;
    s[i] = static_cast<char>(x >> 24);
  }
  return s;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// ---- content hashes ----

TEST(ContentHash, IsXxh3) {
  EXPECT_EQ(index::content_hash(""), 0x2D06800538D394C2ull);  // XXH3_64bits of nothing
  EXPECT_EQ(index::content_hash("fn main() {}"), index::content_hash("fn main() {}"));
  EXPECT_NE(index::content_hash("fn main() {}"), index::content_hash("fn main() { }"));
}

TEST(ContentHash, CombineIsOrderSensitive) {
  uint64_t a = index::content_hash("a"), b = index::content_hash("b");
  EXPECT_EQ(index::combine_hash(a, b), index::combine_hash(a, b));
  EXPECT_NE(index::combine_hash(a, b), index::combine_hash(b, a));
  EXPECT_NE(index::combine_hash(a, 0), index::combine_hash(a, 1));
  EXPECT_NE(index::combine_hash(a, b), a);
}

// ---- framing ----

TEST(Framing, RoundTrip) {
  for (size_t size : {0, 1, 7, 8, 100, 4096, 100000}) {
    std::string payload = pattern(size, static_cast<uint32_t>(size));
    std::string framed = frame_entry("itemtree", 0xfeedface12345678ull, 3, payload);
    ASSERT_EQ(framed.size(), kEntryHeaderSize + size);
    auto back = unframe_entry(framed, "itemtree", 0xfeedface12345678ull, 3);
    ASSERT_TRUE(back.has_value()) << size;
    EXPECT_EQ(*back, payload);
    EXPECT_EQ(back->data(), framed.data() + kEntryHeaderSize);  // a view, not a copy
  }
}

TEST(Framing, HeaderLayout) {
  std::string framed = frame_entry("defmap", 0x0102030405060708ull, 0x0a0b0c0d, "xyz");
  ASSERT_EQ(framed.size(), 51u);
  EXPECT_EQ(framed.substr(0, 4), "FRRT");
  EXPECT_EQ(framed.substr(4, 4), std::string("\x0d\x0c\x0b\x0a", 4));
  EXPECT_EQ(framed.substr(8, 16), std::string("defmap\0\0\0\0\0\0\0\0\0\0", 16));
  EXPECT_EQ(framed.substr(24, 8), std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8));
  EXPECT_EQ(framed.substr(32, 8), std::string("\x03\0\0\0\0\0\0\0", 8));
  uint64_t sum = index::content_hash("xyz");
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(static_cast<unsigned char>(framed[40 + i]), (sum >> (8 * i)) & 0xff);
  EXPECT_EQ(framed.substr(48), "xyz");
}

TEST(Framing, EverySingleByteCorruptionIsRejected) {
  std::string payload = pattern(80, 7);
  std::string framed = frame_entry("itemtree", 42, 1, payload);
  ASSERT_TRUE(unframe_entry(framed, "itemtree", 42, 1));
  for (size_t i = 0; i < framed.size(); ++i) {
    for (int delta = 1; delta < 256; ++delta) {
      std::string bad = framed;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ delta);
      ASSERT_FALSE(unframe_entry(bad, "itemtree", 42, 1)) << "byte " << i << " ^ " << delta;
    }
  }
}

TEST(Framing, EveryTruncationAndExtensionIsRejected) {
  std::string framed = frame_entry("itemtree", 42, 1, pattern(300, 1));
  for (size_t len = 0; len < framed.size(); ++len)
    ASSERT_FALSE(unframe_entry(std::string_view(framed).substr(0, len), "itemtree", 42, 1)) << len;
  EXPECT_FALSE(unframe_entry(framed + '\0', "itemtree", 42, 1));
  EXPECT_FALSE(unframe_entry(framed + framed, "itemtree", 42, 1));
  // An empty payload truncated into its header.
  std::string empty = frame_entry("itemtree", 42, 1, "");
  ASSERT_TRUE(unframe_entry(empty, "itemtree", 42, 1));
  EXPECT_FALSE(unframe_entry(empty.substr(0, kEntryHeaderSize - 1), "itemtree", 42, 1));
}

TEST(Framing, WrongKindKeyOrVersionIsRejected) {
  std::string framed = frame_entry("itemtree", 42, 1, "payload");
  EXPECT_TRUE(unframe_entry(framed, "itemtree", 42, 1));
  EXPECT_FALSE(unframe_entry(framed, "defmap", 42, 1));
  EXPECT_FALSE(unframe_entry(framed, "item", 42, 1));       // a prefix of the kind
  EXPECT_FALSE(unframe_entry(framed, "itemtree2", 42, 1));  // an extension of it
  EXPECT_FALSE(unframe_entry(framed, "itemtree", 43, 1));
  EXPECT_FALSE(unframe_entry(framed, "itemtree", 42ull | (1ull << 63), 1));
  EXPECT_FALSE(unframe_entry(framed, "itemtree", 42, 2));
  EXPECT_FALSE(unframe_entry(framed, "itemtree", 42, 0));
}

TEST(Framing, KindsAreShortTags) {
  EXPECT_TRUE(index::is_valid_cache_kind("itemtree"));
  EXPECT_TRUE(index::is_valid_cache_kind("def_map-2"));
  EXPECT_TRUE(index::is_valid_cache_kind("abcdefghijklmnop"));  // 16
  EXPECT_FALSE(index::is_valid_cache_kind("abcdefghijklmnopq"));
  EXPECT_FALSE(index::is_valid_cache_kind(""));
  EXPECT_FALSE(index::is_valid_cache_kind(".."));
  EXPECT_FALSE(index::is_valid_cache_kind("a/b"));
  EXPECT_FALSE(index::is_valid_cache_kind("ItemTree"));
  EXPECT_FALSE(index::is_valid_cache_kind(std::string_view("a\0b", 3)));
  EXPECT_EQ(frame_entry("../x", 1, 1, "p"), "");
  EXPECT_FALSE(unframe_entry(frame_entry("x", 1, 1, "p"), "../x", 1, 1));
}

// ---- memory and null stores ----

TEST(MemoryCacheStore, PutGetOverwriteAndStats) {
  index::MemoryCacheStore store;
  EXPECT_FALSE(store.get("itemtree", 1));
  store.put("itemtree", 1, "one");
  store.put("defmap", 1, "other kind");
  EXPECT_EQ(store.get("itemtree", 1), "one");
  EXPECT_EQ(store.get("defmap", 1), "other kind");
  store.put("itemtree", 1, "uno");
  EXPECT_EQ(store.get("itemtree", 1), "uno");
  store.put("itemtree", 2, "");
  EXPECT_EQ(store.get("itemtree", 2), "");
  store.put("Bad/Kind", 3, "x");
  EXPECT_FALSE(store.get("Bad/Kind", 3));
  EXPECT_EQ(store.size(), 3u);
  auto stats = store.stats();
  EXPECT_EQ(stats.gets, 6u);
  EXPECT_EQ(stats.hits, 4u);
  EXPECT_EQ(stats.puts, 5u);
  store.clear();
  EXPECT_EQ(store.size(), 0u);
}

TEST(MemoryCacheStore, ThreadSafe) {
  index::MemoryCacheStore store;
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        uint64_t key = static_cast<uint64_t>(i % 16);
        store.put("k", key, std::string(static_cast<size_t>(t + 1), static_cast<char>('a' + t)));
        auto got = store.get("k", key);
        if (!got || got->empty() || *got != std::string(got->size(), (*got)[0])) ++bad;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(store.size(), 16u);
}

TEST(NullCacheStore, StoresNothing) {
  index::NullCacheStore store;
  store.put("itemtree", 1, "x");
  EXPECT_FALSE(store.get("itemtree", 1));
}

// ---- disk store ----

class DiskCacheStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "ferret_cache_test_XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Every file under `root`, relative to it, sorted.
  // The entry and temp files below `root` (the sweep's marker, v1/last-sweep, aside).
  static std::vector<std::string> files_under(const fs::path& root) {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && it->path().filename() != "last-sweep") {
        out.push_back(fs::relative(it->path(), root).string());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path dir_;
};

TEST_F(DiskCacheStoreTest, PutGetAndLayout) {
  DiskCacheStore store(dir_.string());
  ASSERT_TRUE(store.enabled());
  EXPECT_EQ(store.root(), (dir_ / "v1").string());
  const uint64_t key = 0xab0123456789cdefull;
  EXPECT_FALSE(store.get("itemtree", key));
  std::string payload = pattern(5000, 3);
  store.put("itemtree", key, payload);
  EXPECT_EQ(store.get("itemtree", key), payload);
  EXPECT_FALSE(store.get("defmap", key));
  EXPECT_FALSE(store.get("itemtree", key + 1));

  fs::path file = dir_ / "v1" / "itemtree" / "ab" / "ab0123456789cdef";
  EXPECT_EQ(store.entry_path("itemtree", key), file.string());
  ASSERT_TRUE(fs::is_regular_file(file));
  EXPECT_EQ(read_file(file), frame_entry("itemtree", key, index::kCacheFormatVersion, payload));
  // No temp file is left behind; the first put marked the daily sweep of dead writers'
  // temp files done.
  EXPECT_EQ(files_under(dir_), std::vector<std::string>{"v1/itemtree/ab/ab0123456789cdef"});
  EXPECT_TRUE(fs::is_regular_file(dir_ / "v1" / "last-sweep"));

  store.put("itemtree", key, "short now");
  EXPECT_EQ(store.get("itemtree", key), "short now");
  store.put("itemtree", 7, "");
  EXPECT_EQ(store.get("itemtree", 7), "");
  EXPECT_TRUE(fs::is_regular_file(dir_ / "v1" / "itemtree" / "00" / "0000000000000007"));

  // A second store over the same folder (another process, a later run) sees the entries.
  DiskCacheStore again(dir_.string() + "/");
  EXPECT_EQ(again.get("itemtree", key), "short now");
}

TEST_F(DiskCacheStoreTest, FormatVersionsAreSeparate) {
  DiskCacheStore v1(dir_.string(), 1);
  DiskCacheStore v2(dir_.string(), 2);
  v1.put("itemtree", 5, "old");
  EXPECT_FALSE(v2.get("itemtree", 5));
  v2.put("itemtree", 5, "new");
  EXPECT_EQ(v1.get("itemtree", 5), "old");
  EXPECT_EQ(v2.get("itemtree", 5), "new");
  // An entry of another version copied into this version's folder is rejected.
  fs::copy_file(v1.entry_path("itemtree", 5), v2.entry_path("itemtree", 5),
                fs::copy_options::overwrite_existing);
  EXPECT_FALSE(v2.get("itemtree", 5));
}

TEST_F(DiskCacheStoreTest, InvalidKindIsIgnored) {
  DiskCacheStore store(dir_.string());
  store.put("../escape", 1, "x");
  EXPECT_FALSE(store.get("../escape", 1));
  EXPECT_TRUE(files_under(dir_).empty());
  EXPECT_FALSE(fs::exists(dir_ / "escape"));
}

TEST_F(DiskCacheStoreTest, CorruptedFileIsDetectedAndRebuilt) {
  DiskCacheStore store(dir_.string());
  const uint64_t key = 0x1122334455667788ull;
  std::string payload = pattern(1000, 9);
  fs::path file = store.entry_path("itemtree", key);
  // Damage the magic, the version, the kind, the key, the length, the checksum and
  // the payload in turn.
  for (size_t offset : {0, 5, 10, 30, 33, 44, 48, 500, 1047}) {
    store.put("itemtree", key, payload);
    std::string bytes = read_file(file);
    ASSERT_EQ(bytes.size(), kEntryHeaderSize + payload.size());
    bytes[offset] = static_cast<char>(bytes[offset] ^ 0x20);
    write_file(file, bytes);
    EXPECT_FALSE(store.get("itemtree", key)) << offset;
    EXPECT_FALSE(fs::exists(file)) << "a damaged entry is deleted";
    store.put("itemtree", key, payload);
    EXPECT_EQ(store.get("itemtree", key), payload) << offset;
  }
  // Another key's valid entry in this key's place.
  store.put("itemtree", key + 1, payload);
  fs::copy_file(store.entry_path("itemtree", key + 1), file, fs::copy_options::overwrite_existing);
  EXPECT_FALSE(store.get("itemtree", key));
}

TEST_F(DiskCacheStoreTest, BlobsSmallAndMappedMatchGetAndRejectDamage) {
  DiskCacheStore store(dir_.string());
  for (size_t size : {size_t{100}, size_t{300000}}) {  // read, and mapped
    const uint64_t key = 0xabcdef00ull + size;
    std::string payload = pattern(size, 3);
    store.put("defmap", key, payload);
    std::shared_ptr<const ferret::index::CacheBlob> blob = store.get_blob("defmap", key);
    ASSERT_TRUE(blob) << size;
    EXPECT_EQ(blob->bytes(), payload) << size;
    // A blob outlives the entry's replacement (entries are renamed over, never rewritten).
    store.put("defmap", key, pattern(size, 4));
    EXPECT_EQ(blob->bytes(), payload) << size;
    EXPECT_EQ(store.get_blob("defmap", key)->bytes(), pattern(size, 4)) << size;
    // Damage anywhere is a miss, and the entry is deleted.
    fs::path file = store.entry_path("defmap", key);
    std::string bytes = read_file(file);
    bytes[bytes.size() - 1] = static_cast<char>(bytes[bytes.size() - 1] ^ 1);
    write_file(file, bytes);
    EXPECT_FALSE(store.get_blob("defmap", key)) << size;
    EXPECT_FALSE(fs::exists(file)) << size;
  }
  EXPECT_FALSE(store.get_blob("defmap", 42));
  EXPECT_FALSE(store.get_blob("Not A Kind", 42));
}

TEST_F(DiskCacheStoreTest, TruncatedFileIsDetectedAndRebuilt) {
  DiskCacheStore store(dir_.string());
  std::string payload = pattern(3000, 4);
  fs::path file = store.entry_path("defmap", 99);
  for (size_t len : {0, 1, 47, 48, 49, 1500, 3047}) {
    store.put("defmap", 99, payload);
    fs::resize_file(file, len);
    EXPECT_FALSE(store.get("defmap", 99)) << len;
    EXPECT_FALSE(fs::exists(file));
    store.put("defmap", 99, payload);
    EXPECT_EQ(store.get("defmap", 99), payload) << len;
  }
  // Trailing garbage is damage too.
  write_file(file, read_file(file) + "extra");
  EXPECT_FALSE(store.get("defmap", 99));
}

TEST_F(DiskCacheStoreTest, StrayFilesAreHarmless) {
  DiskCacheStore store(dir_.string());
  store.put("itemtree", 1, "ok");
  fs::path file = store.entry_path("itemtree", 1);
  // A temp file a crashed writer left behind, and a folder where an entry should be.
  write_file(file.string() + ".123-0-deadbeef.tmp", "partial");
  EXPECT_EQ(store.get("itemtree", 1), "ok");
  fs::create_directories(store.entry_path("itemtree", 2));
  EXPECT_FALSE(store.get("itemtree", 2));
  store.put("itemtree", 2, "x");  // rename over a folder fails: dropped
  EXPECT_FALSE(store.get("itemtree", 2));
  EXPECT_EQ(files_under(dir_).size(), 2u) << "the failed put left no temp file";
}

TEST_F(DiskCacheStoreTest, UnwritableFolderDisablesTheStore) {
  write_file(dir_ / "file", "a regular file");
  DiskCacheStore store((dir_ / "file" / "cache").string());
  EXPECT_FALSE(store.enabled());
  store.put("itemtree", 1, "x");
  EXPECT_FALSE(store.get("itemtree", 1));
}

TEST_F(DiskCacheStoreTest, FolderRemovedOrReplacedWhileRunning) {
  DiskCacheStore store(dir_.string());
  store.put("itemtree", 1, "x");
  // Someone cleans the cache: the next put recreates the folders.
  fs::remove_all(dir_ / "v1");
  EXPECT_FALSE(store.get("itemtree", 1));
  store.put("itemtree", 1, "y");
  EXPECT_EQ(store.get("itemtree", 1), "y");
  // Someone puts a regular file there: puts are dropped, gets miss, nothing crashes.
  fs::remove_all(dir_ / "v1");
  write_file(dir_ / "v1", "not a folder");
  store.put("itemtree", 1, "z");
  EXPECT_FALSE(store.get("itemtree", 1));
  EXPECT_EQ(read_file(dir_ / "v1"), "not a folder");
}

// Sets an environment variable (or unsets it, for nullopt) for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST_F(DiskCacheStoreTest, EnvironmentChoosesTheFolder) {
  ScopedEnv home("HOME", "/home/someone");
  {
    ScopedEnv cache("FERRET_CACHE_DIR", std::nullopt);
    ScopedEnv xdg("XDG_CACHE_HOME", "/xdg/cache");
    EXPECT_EQ(DiskCacheStore::directory_from_environment(), "/xdg/cache/ferret");
  }
  {
    ScopedEnv cache("FERRET_CACHE_DIR", "");
    ScopedEnv xdg("XDG_CACHE_HOME", "relative/is/ignored");
    EXPECT_EQ(DiskCacheStore::directory_from_environment(), "/home/someone/.cache/ferret");
  }
  {
    ScopedEnv cache("FERRET_CACHE_DIR", std::nullopt);
    ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
    ScopedEnv no_home("HOME", std::nullopt);
    EXPECT_EQ(DiskCacheStore::directory_from_environment(), std::nullopt);
    auto store = DiskCacheStore::from_environment();
    ASSERT_NE(store, nullptr);
    EXPECT_NE(dynamic_cast<index::NullCacheStore*>(store.get()), nullptr);
  }
  {
    ScopedEnv cache("FERRET_CACHE_DIR", dir_.string());
    ScopedEnv xdg("XDG_CACHE_HOME", "/xdg/cache");
    EXPECT_EQ(DiskCacheStore::directory_from_environment(), dir_.string());
    auto store = DiskCacheStore::from_environment();
    ASSERT_NE(dynamic_cast<DiskCacheStore*>(store.get()), nullptr);
    store->put("itemtree", 1, "from env");
    EXPECT_EQ(DiskCacheStore(dir_.string()).get("itemtree", 1), "from env");
  }
}

TEST_F(DiskCacheStoreTest, OffDisablesTheCache) {
  ScopedEnv cache("FERRET_CACHE_DIR", "off");
  ScopedEnv xdg("XDG_CACHE_HOME", dir_.string());
  EXPECT_EQ(DiskCacheStore::directory_from_environment(), std::nullopt);
  auto store = DiskCacheStore::from_environment();
  ASSERT_NE(store, nullptr);
  EXPECT_NE(dynamic_cast<index::NullCacheStore*>(store.get()), nullptr);
  store->put("itemtree", 1, "x");
  EXPECT_FALSE(store->get("itemtree", 1));
  EXPECT_TRUE(files_under(dir_).empty());
}

TEST_F(DiskCacheStoreTest, UnusableEnvironmentFolderDisablesTheCache) {
  write_file(dir_ / "file", "a regular file");
  ScopedEnv cache("FERRET_CACHE_DIR", (dir_ / "file" / "cache").string());
  auto store = DiskCacheStore::from_environment();
  ASSERT_NE(store, nullptr);
  EXPECT_NE(dynamic_cast<index::NullCacheStore*>(store.get()), nullptr);
  store->put("itemtree", 1, "x");
  EXPECT_FALSE(store->get("itemtree", 1));
}

// Several threads of this process and two child processes put and get the same few
// keys at once, with payloads of very different sizes. Every get that hits must return
// one complete payload of that key.
constexpr size_t kPayloadSizes[] = {1, 4099, 65537, 400009};
constexpr int kKeys = 3;
constexpr int kVariants = std::size(kPayloadSizes);

uint64_t race_key(int k) {
  return 0x5a00000000000000ull + static_cast<uint64_t>(k);
}

struct RaceResult {
  int bad = 0;
  int hits = 0;
};

RaceResult race(const DiskCacheStore& store, const std::vector<std::string>& payloads,
                uint32_t seed, int iterations) {
  RaceResult result;
  std::mt19937 rng(seed);
  for (int i = 0; i < iterations; ++i) {
    int k = static_cast<int>(rng() % kKeys);
    if (rng() % 2 == 0) {
      store.put("race", race_key(k), payloads[k * kVariants + rng() % kVariants]);
      continue;
    }
    auto got = store.get("race", race_key(k));
    if (!got) continue;
    ++result.hits;
    bool known = false;
    for (int v = 0; v < kVariants; ++v) known = known || *got == payloads[k * kVariants + v];
    if (!known) ++result.bad;
  }
  return result;
}

TEST_F(DiskCacheStoreTest, ConcurrentThreadsAndProcessesNeverSeeAMix) {
  DiskCacheStore store(dir_.string());
  std::vector<std::string> payloads;
  for (int k = 0; k < kKeys; ++k)
    for (int v = 0; v < kVariants; ++v)
      payloads.push_back(pattern(kPayloadSizes[v], static_cast<uint32_t>(k * 16 + v)));
  constexpr int kIterations = 300;

  // The children start when the parent closes the pipe, after its threads exist.
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  std::vector<pid_t> children;
  for (int c = 0; c < 2; ++c) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(go[1]);
      char byte;
      while (::read(go[0], &byte, 1) < 0 && errno == EINTR) {
      }
      RaceResult r = race(store, payloads, 1000 + static_cast<uint32_t>(c), kIterations);
      ::_exit(r.bad != 0 ? 1 : r.hits == 0 ? 2 : 0);
    }
    children.push_back(pid);
  }
  ::close(go[0]);

  std::atomic<bool> start{false};
  std::vector<RaceResult> results(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      while (!start.load()) std::this_thread::yield();
      results[t] = race(store, payloads, static_cast<uint32_t>(t), kIterations);
    });
  }
  ::close(go[1]);
  start = true;
  for (auto& t : threads) t.join();
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: a child read a mixed entry; 2: it never hit";
  }
  int hits = 0;
  for (const RaceResult& r : results) {
    EXPECT_EQ(r.bad, 0);
    hits += r.hits;
  }
  EXPECT_GT(hits, 0);
  // Every key ends as one complete payload, and no temp file is left behind.
  for (int k = 0; k < kKeys; ++k) {
    auto got = store.get("race", race_key(k));
    ASSERT_TRUE(got.has_value());
    bool known = false;
    for (int v = 0; v < kVariants; ++v) known = known || *got == payloads[k * kVariants + v];
    EXPECT_TRUE(known) << k;
  }
  EXPECT_EQ(files_under(dir_).size(), static_cast<size_t>(kKeys));
}

}  // namespace
}  // namespace ferret

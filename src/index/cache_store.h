// The persistent cache as the index layer sees it (docs/DESIGN.md §6): a key-value interface
// (the front ends implement it over a folder; the index layer does no IO), a disabled
// store, an in-memory store for tests, and the framing every stored entry carries so a
// truncated, corrupted or stale entry is recognized and rebuilt instead of trusted.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ferret::index {

// Version of the cached data's layout. Bump it whenever what any kind of entry holds
// changes meaning; entries of other versions are then never read (the disk store keeps
// each version in its own folder, and the framing records it).
inline constexpr uint32_t kCacheFormatVersion = 1;

// A kind is a short tag naming what an entry holds ("itemtree", "defmap"): 1 to 16
// characters among a-z, 0-9, '_' and '-' (it is also a folder name on disk). Stores
// treat any other kind as a miss on get() and ignore it on put().
inline constexpr size_t kMaxCacheKindSize = 16;
bool is_valid_cache_kind(std::string_view kind);

// Where computed data is kept between runs, keyed by (kind, key); the key is normally a
// content hash. A store never throws and never returns a damaged entry: whatever goes
// wrong, get() misses and put() does nothing, and the caller recomputes.
// Implementations are safe to call from several threads at once.
// An entry's bytes, held for as long as the holder keeps it (a string, or a file
// mapped into memory: large entries are then neither copied nor zero-filled).
class CacheBlob {
 public:
  virtual ~CacheBlob() = default;
  virtual std::string_view bytes() const = 0;
};

class StringBlob final : public CacheBlob {
 public:
  explicit StringBlob(std::string s) : s_(std::move(s)) {}
  std::string_view bytes() const override { return s_; }

 private:
  std::string s_;
};

class CacheStore {
 public:
  virtual ~CacheStore() = default;
  // The bytes last put under (kind, key), or nullopt when absent or unusable.
  virtual std::optional<std::string> get(std::string_view kind, uint64_t key) const = 0;
  // The same, kept where they are when the store can (get() in a StringBlob otherwise).
  virtual std::shared_ptr<const CacheBlob> get_blob(std::string_view kind, uint64_t key) const {
    std::optional<std::string> s = get(kind, key);
    return s ? std::make_shared<StringBlob>(std::move(*s)) : nullptr;
  }
  // Stores `bytes` under (kind, key), replacing any previous entry.
  virtual void put(std::string_view kind, uint64_t key, std::string_view bytes) const = 0;
};

// Another store with every key mixed with a salt: entries written by a different
// build of ferret (whose formats or semantics may differ) are never read.
class SaltedCacheStore final : public CacheStore {
 public:
  SaltedCacheStore(std::shared_ptr<CacheStore> inner, uint64_t salt) : inner_(std::move(inner)), salt_(salt) {}
  std::optional<std::string> get(std::string_view kind, uint64_t key) const override;
  std::shared_ptr<const CacheBlob> get_blob(std::string_view kind, uint64_t key) const override;
  void put(std::string_view kind, uint64_t key, std::string_view bytes) const override;

 private:
  std::shared_ptr<CacheStore> inner_;
  uint64_t salt_;
};

// The disabled cache: every get() misses, every put() is dropped.
class NullCacheStore final : public CacheStore {
 public:
  std::optional<std::string> get(std::string_view, uint64_t) const override { return std::nullopt; }
  void put(std::string_view, uint64_t, std::string_view) const override {}
};

// A cache in memory, for tests: thread-safe, counts its traffic.
class MemoryCacheStore final : public CacheStore {
 public:
  struct Stats {
    uint64_t gets = 0;
    uint64_t hits = 0;
    uint64_t puts = 0;
  };

  std::optional<std::string> get(std::string_view kind, uint64_t key) const override;
  void put(std::string_view kind, uint64_t key, std::string_view bytes) const override;

  size_t size() const;
  Stats stats() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::pair<std::string, uint64_t>, std::string> entries_;
  mutable Stats stats_;
};

// ---- Framing ----
//
// A stored entry is a 48-byte header followed by the payload. Integers are
// little-endian:
//
//   offset  size  field
//        0     4  magic "FRRT"
//        4     4  u32 format version
//        8    16  kind, ASCII, zero-padded
//       24     8  u64 key
//       32     8  u64 payload length
//       40     8  u64 XXH3-64 checksum of the payload
//       48     -  payload
//
// The payload starts 8-byte aligned relative to the entry, so fixed-size records in it
// can be used in place when the entry itself is suitably aligned.
inline constexpr size_t kEntryHeaderSize = 48;
using EntryHeader = std::array<char, kEntryHeaderSize>;

// The header for `payload`. `kind` must be valid (see is_valid_cache_kind).
EntryHeader frame_header(std::string_view kind, uint64_t key, uint32_t format_version,
                         std::string_view payload);

// Header + payload in one string; empty (never a valid entry) if `kind` is invalid.
std::string frame_entry(std::string_view kind, uint64_t key, uint32_t format_version,
                        std::string_view payload);

// Whether `header` (kEntryHeaderSize bytes) and `payload`, read separately, form an
// entry for exactly (kind, key, format_version) whose checksum verifies.
bool entry_is_valid(std::string_view header, std::string_view payload, std::string_view kind,
                    uint64_t key, uint32_t format_version);

// The payload of a framed entry (a view into `stored`), or nullopt unless every header
// field matches, the length is exact and the checksum verifies: a truncated, extended,
// corrupted or foreign entry is rejected.
std::optional<std::string_view> unframe_entry(std::string_view stored, std::string_view kind,
                                              uint64_t key, uint32_t format_version);

}  // namespace ferret::index

// The in-memory cache store and the entry framing (pure functions, shared by the disk
// store in the front ends and by the tests).
#include "index/cache_store.h"

#include <algorithm>
#include <cstring>

#include "index/content_hash.h"

namespace ferret::index {
namespace {

constexpr char kMagic[4] = {'F', 'R', 'R', 'T'};
constexpr size_t kVersionOffset = 4;
constexpr size_t kKindOffset = 8;
constexpr size_t kKeyOffset = 24;
constexpr size_t kLengthOffset = 32;
constexpr size_t kChecksumOffset = 40;
static_assert(kKindOffset + kMaxCacheKindSize == kKeyOffset);
static_assert(kChecksumOffset + 8 == kEntryHeaderSize);

void store_le(char* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>(v >> (8 * i));
}

uint64_t load_le(const char* in, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  return v;
}

}  // namespace

bool is_valid_cache_kind(std::string_view kind) {
  if (kind.empty() || kind.size() > kMaxCacheKindSize) return false;
  for (char c : kind) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

EntryHeader frame_header(std::string_view kind, uint64_t key, uint32_t format_version,
                         std::string_view payload) {
  EntryHeader h{};  // zero-filled: the kind's padding
  std::memcpy(h.data(), kMagic, sizeof kMagic);
  store_le(h.data() + kVersionOffset, format_version, 4);
  std::memcpy(h.data() + kKindOffset, kind.data(), std::min(kind.size(), kMaxCacheKindSize));
  store_le(h.data() + kKeyOffset, key, 8);
  store_le(h.data() + kLengthOffset, payload.size(), 8);
  store_le(h.data() + kChecksumOffset, content_hash(payload), 8);
  return h;
}

std::string frame_entry(std::string_view kind, uint64_t key, uint32_t format_version,
                        std::string_view payload) {
  if (!is_valid_cache_kind(kind)) return {};
  EntryHeader h = frame_header(kind, key, format_version, payload);
  std::string out;
  out.reserve(h.size() + payload.size());
  out.append(h.data(), h.size());
  out.append(payload);
  return out;
}

bool entry_is_valid(std::string_view header, std::string_view payload, std::string_view kind,
                    uint64_t key, uint32_t format_version) {
  if (header.size() != kEntryHeaderSize || !is_valid_cache_kind(kind)) return false;
  const char* h = header.data();
  if (std::memcmp(h, kMagic, sizeof kMagic) != 0) return false;
  if (load_le(h + kVersionOffset, 4) != format_version) return false;
  // The whole 16-byte field must equal the zero-padded kind.
  char padded[kMaxCacheKindSize] = {};
  std::memcpy(padded, kind.data(), kind.size());
  if (std::memcmp(h + kKindOffset, padded, kMaxCacheKindSize) != 0) return false;
  if (load_le(h + kKeyOffset, 8) != key) return false;
  if (load_le(h + kLengthOffset, 8) != payload.size()) return false;
  return load_le(h + kChecksumOffset, 8) == content_hash(payload);
}

std::optional<std::string_view> unframe_entry(std::string_view stored, std::string_view kind,
                                              uint64_t key, uint32_t format_version) {
  if (stored.size() < kEntryHeaderSize) return std::nullopt;
  std::string_view header = stored.substr(0, kEntryHeaderSize);
  std::string_view payload = stored.substr(kEntryHeaderSize);
  if (!entry_is_valid(header, payload, kind, key, format_version)) return std::nullopt;
  return payload;
}

// ---- MemoryCacheStore ----

std::optional<std::string> MemoryCacheStore::get(std::string_view kind, uint64_t key) const {
  try {
    std::lock_guard lock(mutex_);
    ++stats_.gets;
    if (!is_valid_cache_kind(kind)) return std::nullopt;
    auto it = entries_.find(std::pair{std::string(kind), key});
    if (it == entries_.end()) return std::nullopt;
    ++stats_.hits;
    return it->second;
  } catch (...) {  // allocation failure: a miss
    return std::nullopt;
  }
}

void MemoryCacheStore::put(std::string_view kind, uint64_t key, std::string_view bytes) const {
  try {
    std::lock_guard lock(mutex_);
    ++stats_.puts;
    if (!is_valid_cache_kind(kind)) return;
    entries_.insert_or_assign(std::pair{std::string(kind), key}, std::string(bytes));
  } catch (...) {  // allocation failure: dropped
  }
}

size_t MemoryCacheStore::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

MemoryCacheStore::Stats MemoryCacheStore::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void MemoryCacheStore::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

std::optional<std::string> SaltedCacheStore::get(std::string_view kind, uint64_t key) const {
  return inner_->get(kind, combine_hash(key, salt_));
}

std::shared_ptr<const CacheBlob> SaltedCacheStore::get_blob(std::string_view kind, uint64_t key) const {
  return inner_->get_blob(kind, combine_hash(key, salt_));
}

void SaltedCacheStore::put(std::string_view kind, uint64_t key, std::string_view bytes) const {
  inner_->put(kind, combine_hash(key, salt_), bytes);
}

}  // namespace ferret::index

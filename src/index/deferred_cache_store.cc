// DeferredCacheStore: buffered puts.
#include "index/deferred_cache_store.h"

namespace ferret::index {

namespace {

std::string slot_name(std::string_view kind, uint64_t key) {
  std::string s(kind);
  s += '/';
  s.append(reinterpret_cast<const char*>(&key), sizeof key);
  return s;
}

}  // namespace

std::optional<std::string> DeferredCacheStore::get(std::string_view kind, uint64_t key) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(slot_name(kind, key));
    if (it != index_.end()) return waiting_[it->second].bytes;
  }
  return below_->get(kind, key);
}

std::shared_ptr<const CacheBlob> DeferredCacheStore::get_blob(std::string_view kind, uint64_t key) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(slot_name(kind, key));
    if (it != index_.end()) return std::make_shared<StringBlob>(waiting_[it->second].bytes);
  }
  return below_->get_blob(kind, key);
}

void DeferredCacheStore::put(std::string_view kind, uint64_t key, std::string_view bytes) const {
  if (!is_valid_cache_kind(kind)) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, added] = index_.emplace(slot_name(kind, key), waiting_.size());
  if (added) {
    waiting_.push_back(Entry{std::string(kind), key, std::string(bytes)});
  } else {
    waiting_[it->second].bytes.assign(bytes);
  }
}

void DeferredCacheStore::flush() const {
  std::vector<Entry> entries;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entries.swap(waiting_);
    index_.clear();
  }
  for (const Entry& e : entries) below_->put(e.kind, e.key, e.bytes);
}

size_t DeferredCacheStore::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_.size();
}

}  // namespace ferret::index

// Column<T>: the storage of one table of an item tree — a vector while the tree is
// built, a view of the cache entry's bytes when it is loaded (so loading copies
// nothing). Reading is the same either way; the first change to a view copies it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ferret::index {

template <typename T>
class Column {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  using value_type = T;
  using const_iterator = const T*;
  using iterator = const T*;

  Column() = default;
  Column(const Column& o) : owned_(o.begin(), o.end()) { sync(); }
  Column(Column&& o) noexcept : owned_(std::move(o.owned_)), data_(o.data_), size_(o.size_) {
    o.data_ = nullptr;
    o.size_ = 0;
  }
  Column& operator=(const Column& o) {
    if (this != &o) {
      owned_.assign(o.begin(), o.end());
      sync();
    }
    return *this;
  }
  Column& operator=(Column&& o) noexcept {
    owned_ = std::move(o.owned_);
    data_ = o.data_;
    size_ = o.size_;
    o.data_ = nullptr;
    o.size_ = 0;
    return *this;
  }

  // A view of `n` records at `p`, which must outlive the column (the tree keeps the
  // entry it was loaded from) and be aligned for T.
  static Column view(const T* p, size_t n) {
    Column c;
    c.data_ = p;
    c.size_ = n;
    return c;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& back() const { return data_[size_ - 1]; }

  // Changes (the builder's): a view becomes a vector first.
  T& operator[](size_t i) {
    own();
    return owned_[i];
  }
  T& back() {
    own();
    return owned_.back();
  }
  void push_back(const T& v) {
    own();
    owned_.push_back(v);
    sync();
  }
  template <typename... A>
  T& emplace_back(A&&... a) {
    own();
    owned_.emplace_back(std::forward<A>(a)...);
    sync();
    return owned_.back();
  }
  template <typename It>
  void append(It first, It last) {
    own();
    owned_.insert(owned_.end(), first, last);
    sync();
  }
  void append(std::string_view s) requires std::is_same_v<T, char> { append(s.begin(), s.end()); }
  void resize(size_t n) {
    own();
    owned_.resize(n);
    sync();
  }
  void clear() {
    owned_.clear();
    sync();
  }

  size_t memory_bytes() const { return owned_.capacity() * sizeof(T); }

 private:
  void own() {
    if (data_ != owned_.data() || size_ != owned_.size()) {
      owned_.assign(data_, data_ + size_);
      sync();
    }
  }
  void sync() {
    data_ = owned_.data();
    size_ = owned_.size();
  }

  std::vector<T> owned_;
  const T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace ferret::index

// A byte writer and a bounds-checked reader for the engine's cache formats: integers
// in native byte order, length-prefixed strings, and raw arrays of plain records.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ferret::base {

class ByteWriter {
 public:
  template <typename T>
  void pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void u32(uint32_t v) { pod(v); }
  void u64(uint64_t v) { pod(v); }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    u32(static_cast<uint32_t>(v.size()));
    if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string take() { return std::move(out_); }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

// Reading stops at the first problem: ok() turns false and every later read yields
// zero values, so callers check ok() once at the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return in_.empty(); }
  size_t remaining() const { return in_.size(); }

  template <typename T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    if (!ok_ || in_.size() < sizeof v) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return v;
  }
  uint32_t u32() { return pod<uint32_t>(); }
  uint64_t u64() { return pod<uint64_t>(); }
  std::string_view str() {
    uint32_t n = u32();
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return {};
    }
    std::string_view s = in_.substr(0, n);
    in_.remove_prefix(n);
    return s;
  }
  template <typename T>
  void array(std::vector<T>& v) {
    uint32_t n = u32();
    if (!ok_ || n > in_.size() / (sizeof(T) ? sizeof(T) : 1)) {
      ok_ = false;
      return;
    }
    v.resize(n);
    if (n) std::memcpy(v.data(), in_.data(), n * sizeof(T));
    in_.remove_prefix(n * sizeof(T));
  }
  // A count that must be plausible for `min_bytes_each` bytes per element.
  uint32_t count(size_t min_bytes_each) {
    uint32_t n = u32();
    if (ok_ && min_bytes_each && n > in_.size() / min_bytes_each) ok_ = false;
    return ok_ ? n : 0;
  }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace ferret::base

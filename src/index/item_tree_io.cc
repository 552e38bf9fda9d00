// Item tree (de)serialization: a header, then each column as count + raw records.
// Every record is a multiple of 4 bytes with 4-byte alignment, so in an entry whose
// payload is 4-aligned a loaded tree's columns point into the entry itself.
#include "index/item_tree_io.h"

#include <cstring>
#include <type_traits>

#include "index/content_hash.h"
#include "index/item_tree_check.h"

namespace ferret::index {

namespace {

constexpr char kMagic[4] = {'F', 'I', 'T', 'R'};

template <typename T>
void put_vector(std::string& out, const Column<T>& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  uint64_t n = v.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  if (n) out.append(reinterpret_cast<const char*>(v.data()), n * sizeof(T));
}

template <typename T>
void put_pod(std::string& out, const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

struct Reader {
  std::string_view in;
  bool in_place = false;  // columns view `in` instead of copying it
  bool ok = true;

  template <typename T>
  void pod(T& v) {
    if (!ok || in.size() < sizeof v) {
      ok = false;
      return;
    }
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
  }
  template <typename T>
  void vector(Column<T>& v) {
    uint64_t n = 0;
    pod(n);
    if (!ok || n > in.size() / sizeof(T)) {
      ok = false;
      return;
    }
    if (in_place && reinterpret_cast<uintptr_t>(in.data()) % alignof(T) == 0) {
      v = Column<T>::view(reinterpret_cast<const T*>(in.data()), n);
    } else {
      v.resize(n);
      if (n) std::memcpy(&v[0], in.data(), n * sizeof(T));
    }
    in.remove_prefix(n * sizeof(T));
  }
};

// Every vector of the tree, in one order for writing and reading.
template <typename Tree, typename F>
void for_each_vector(Tree& t, F&& f) {
  f(t.items);
  f(t.attrs);
  f(t.cfgs);
  f(t.cfg_children);
  f(t.paths);
  f(t.segments);
  f(t.generic_args);
  f(t.types);
  f(t.type_lists);
  f(t.bounds);
  f(t.generic_params);
  f(t.where_predicates);
  f(t.generics);
  f(t.params);
  f(t.fns);
  f(t.fields);
  f(t.adts);
  f(t.traits);
  f(t.impls);
  f(t.type_aliases);
  f(t.consts);
  f(t.imports);
  f(t.uses);
  f(t.extern_crates);
  f(t.macros);
  f(t.modules);
  f(t.file_attrs);
}

}  // namespace

std::string serialize_item_tree(const ItemTree& tree) {
  std::string out;
  out.append(kMagic, 4);
  put_pod(out, kItemTreeFormat);
  put_pod(out, tree.file_flags);
  put_pod(out, tree.file_cfg);
  put_pod(out, tree.file_docs);
  put_pod(out, tree.text_size);
  for_each_vector(tree, [&](const auto& v) { put_vector(out, v); });
  uint64_t n = tree.strings.size();
  put_pod(out, n);
  out.append(tree.strings.data(), tree.strings.size());
  return out;
}

std::optional<ItemTree> deserialize_item_tree(std::string_view bytes, std::shared_ptr<const void> backing) {
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 4) != 0) return std::nullopt;
  Reader r{bytes.substr(4)};
  r.in_place = backing != nullptr;
  uint32_t format = 0;
  r.pod(format);
  if (format != kItemTreeFormat) return std::nullopt;
  ItemTree t;
  r.pod(t.file_flags);
  r.pod(t.file_cfg);
  r.pod(t.file_docs);
  r.pod(t.text_size);
  for_each_vector(t, [&](auto& v) { r.vector(v); });
  uint64_t n = 0;
  r.pod(n);
  if (!r.ok || n != r.in.size()) return std::nullopt;
  if (r.in_place) {
    t.strings = Column<char>::view(r.in.data(), n);
    t.backing = std::move(backing);
  } else {
    t.strings.append(r.in);
  }
  // Every reference must lie inside its table, and no walk may loop (a damaged entry
  // must not read past them).
  if (!item_tree_is_well_formed(t)) return std::nullopt;
  return t;
}

size_t ItemTree::memory_bytes() const {
  size_t bytes = strings.memory_bytes();
  for_each_vector(*this, [&](const auto& v) { bytes += v.memory_bytes(); });
  return bytes;
}

}  // namespace ferret::index

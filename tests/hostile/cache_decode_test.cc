// Cache entries that are wrong inside a valid frame (as a faulty build or a colliding
// key would write them): every payload of a warm cache, changed byte by byte, must
// neither crash nor hang a fresh database reading it; and whenever the change is
// noticed (a tree refused, a def map built instead of loaded), the answer is the clean
// cache's; a payload cut short always is. An
// item tree, the entry code indexes into most, is checked to reject every reference
// that leaves its tables and every loop.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "index/cache_store.h"
#include "index/item_tree_builder.h"
#include "index/item_tree_check.h"
#include "index/item_tree_io.h"
#include "index/resolution_hash.h"
#include "sema/database.h"
#include "support/multi_file_fixture.h"
#include "support/sanitizer.h"
#include "syntax/parse.h"

namespace ferret::testing {
namespace {

// A cache store whose entries the test can list and change.
class OpenCacheStore final : public index::CacheStore {
 public:
  using Entries = std::map<std::pair<std::string, uint64_t>, std::string>;
  explicit OpenCacheStore(Entries entries = {}) : entries_(std::move(entries)) {}

  std::optional<std::string> get(std::string_view kind, uint64_t key) const override {
    std::lock_guard lock(mutex_);
    auto it = entries_.find({std::string(kind), key});
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  void put(std::string_view kind, uint64_t key, std::string_view bytes) const override {
    std::lock_guard lock(mutex_);
    entries_[{std::string(kind), key}] = std::string(bytes);
  }
  Entries entries() const {
    std::lock_guard lock(mutex_);
    return entries_;
  }

 private:
  mutable std::mutex mutex_;
  mutable Entries entries_;
};

constexpr const char* kCrate = R"(//- /src/main.rs crate:app deps:units minicore
use units::Meters;
fn main() {
    let m = Meters::new(3);
    let total = m.value() + units::double!(2);
    m.va$0
}
//- /units/src/lib.rs crate:units
macro_rules! unit {
    ($name:ident) => {
        pub struct $name(pub u32);
        impl $name {
            pub fn new(v: u32) -> $name { $name(v) }
            pub fn value(&self) -> u32 { self.0 }
        }
    };
}
unit!(Meters);
unit!(Seconds);
#[macro_export]
macro_rules! double { ($e:expr) => { $e * 2 }; }
)";

struct Answer {
  std::string text;
  sema::Database::Stats stats;
};

Answer ask(const Fixture& f, const FixtureWorld& w, std::shared_ptr<index::CacheStore> cache) {
  sema::Database db(w.fs, w.graph, std::move(cache));
  std::vector<sema::CrateId> candidates;
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
    if (db.graph()[c].origin == base::CrateOrigin::Workspace) candidates.push_back(c);
  }
  std::string path = "/fx" + f.cursor_file;
  Answer a;
  a.text = show_completion_and_definition(db, path, f.cursor_offset, candidates, w, 50);
  a.stats = db.stats();
  return a;
}

// Up to `budget` byte positions of a payload: the first 64 (headers, counts), then
// spread evenly over the rest. Under ASan (ten times slower) every fourth of them.
std::vector<size_t> positions(size_t size, size_t budget) {
  const size_t head = 64;
  const size_t stride = kSanitized ? 4 : 1;
  std::vector<size_t> out;
  for (size_t i = 0; i < size && i < head; i += stride) out.push_back(i);
  if (size > head) {
    size_t step = std::max<size_t>(1, (size - head) / budget * stride);
    for (size_t i = head; i < size; i += step) out.push_back(i);
  }
  return out;
}

TEST(HostileCacheDecode, ChangedPayloadsNeverCrashAndNoticedOnesAreRebuiltRight) {
  Fixture f = parse_fixture(kCrate);
  FixtureWorld w = build_world(f, "/fx");
  auto clean = std::make_shared<OpenCacheStore>();
  Answer cold = ask(f, w, clean);
  ASSERT_NE(cold.text.find("value"), std::string::npos) << cold.text;
  Answer warm = ask(f, w, clean);
  ASSERT_EQ(warm.text, cold.text);
  ASSERT_EQ(warm.stats.def_maps_built, 0u) << "a warm database built a def map";
  ASSERT_EQ(warm.stats.item_trees_built, 0u) << "a warm database built an item tree";

  OpenCacheStore::Entries entries = clean->entries();
  std::map<std::string, size_t> kinds;
  size_t noticed = 0;
  for (const auto& [id, payload] : entries) {
    ++kinds[id.first];
    for (size_t at : positions(payload.size(), 32)) {
      for (unsigned char flip : {0x01u, 0xffu}) {
        OpenCacheStore::Entries changed = entries;
        changed[id][at] = static_cast<char>(changed[id][at] ^ flip);
        bool tree_rejected = id.first == "itemtree" && !index::deserialize_item_tree(changed[id]);
        Answer a = ask(f, w, std::make_shared<OpenCacheStore>(std::move(changed)));
        // Noticed: the changed tree was refused, or a def map was built instead of loaded.
        if (tree_rejected || a.stats.def_maps_built > 0) {
          ++noticed;
          ASSERT_EQ(a.text, cold.text) << id.first << " entry, byte " << at << " ^ " << int{flip};
        }
      }
    }
    // Cut short at a sample of lengths.
    for (size_t at : positions(payload.size(), 16)) {
      OpenCacheStore::Entries changed = entries;
      changed[id].resize(at);
      Answer a = ask(f, w, std::make_shared<OpenCacheStore>(std::move(changed)));
      EXPECT_EQ(a.text, cold.text) << id.first << " entry cut at " << at;
    }
  }
  for (const char* kind : {"itemtree", "defmap", "defhead", "defmacros"}) {
    EXPECT_GT(kinds[kind], 0u) << "no " << kind << " entry to change";
  }
  EXPECT_GT(noticed, 0u);
}

// A small tree with every kind of reference: items, attributes, cfgs, paths with
// generic arguments, types, bounds, generics.
index::ItemTree sample_tree() {
  const char* text = R"(
#[cfg(all(unix, not(test)))]
pub mod m {
    use std::collections::{HashMap as Map, *};
    pub struct S<T: Clone + Default, const N: usize = 3> where T: Send { pub f: Vec<Option<T>> }
    pub trait Tr<A = u8>: Iterator<Item = A> { type Out: Fn(A) -> (A, [u8; 4]); fn g(&self) -> &dyn Tr<Out = ()>; }
    impl<T> Tr for S<T> { type Out = fn(&T) -> <T as Tr>::Out; fn g(&self) -> &dyn Tr<Out = ()> { loop {} } }
    macro_rules! mac { () => {} }
    mac!();
    pub enum E { A(u8), B { x: i32 } }
}
)";
  syntax::SyntaxTree tree = syntax::parse(text, {});
  return index::build_item_tree(tree, false);
}

TEST(HostileCacheDecode, ItemTreeCheckRejectsBadReferencesAndLoops) {
  index::ItemTree good = sample_tree();
  ASSERT_TRUE(index::item_tree_is_well_formed(good));
  ASSERT_GT(good.cfgs.size(), 2u);
  ASSERT_GT(good.types.size(), 2u);
  ASSERT_GT(good.paths.size(), 2u);
  ASSERT_GT(good.items.size(), 3u);

  auto rejected = [&](auto&& change) {
    index::ItemTree t = good;
    change(t);
    return !index::item_tree_is_well_formed(t);
  };
  // Walks that would not end.
  EXPECT_TRUE(rejected([](index::ItemTree& t) { t.items[1].subtree_end = 1; }));
  EXPECT_TRUE(rejected([](index::ItemTree& t) { t.items[1].parent = 2; }));
  EXPECT_TRUE(rejected([](index::ItemTree& t) {
    uint32_t last = static_cast<uint32_t>(t.cfgs.size() - 1);
    index::CfgExpr& e = t.cfgs[last];
    ASSERT_GT(e.children_end, e.children_begin);
    t.cfg_children[e.children_begin] = last;
  }));
  EXPECT_TRUE(rejected([](index::ItemTree& t) {
    // A path type naming a path whose generic argument is that very type.
    for (uint32_t ty = 0; ty < t.types.size(); ++ty) {
      if (t.types[ty].kind != index::TypeKind::Path) continue;
      const index::Path& p = t.paths[t.types[ty].a];
      for (uint32_t s = p.segments_begin; s < p.segments_end; ++s) {
        for (uint32_t a = t.segments[s].args_begin; a < t.segments[s].args_end; ++a) {
          if (t.generic_args[a].type == index::kNone) continue;
          t.generic_args[a].type = ty;
          return;
        }
      }
    }
    FAIL() << "no path type with a type argument";
  }));
  // References out of their tables.
  EXPECT_TRUE(rejected([](index::ItemTree& t) {
    t.items[0].name.offset = static_cast<uint32_t>(t.strings.size());
  }));
  EXPECT_TRUE(
      rejected([](index::ItemTree& t) { t.items[0].cfg = static_cast<uint32_t>(t.cfgs.size()); }));
  EXPECT_TRUE(rejected([](index::ItemTree& t) { t.types[0].a = 1u << 30; }));
  EXPECT_TRUE(rejected([](index::ItemTree& t) {
    t.paths[0].segments_end = static_cast<uint32_t>(t.segments.size() + 1);
  }));
  EXPECT_TRUE(
      rejected([](index::ItemTree& t) { t.items[0].kind = static_cast<index::ItemKind>(200); }));
  // Ranges longer in total than their table (walks would no longer be linear).
  EXPECT_TRUE(rejected([](index::ItemTree& t) {
    for (uint32_t p = 0; p < t.paths.size(); ++p) {
      t.paths[p].segments_begin = 0;
      t.paths[p].segments_end = static_cast<uint32_t>(t.segments.size());
    }
  }));

  // Every single-byte change of its bytes reads back as nothing, or as a tree whose
  // walks end: the item tree's, and resolution_hash's through cfgs, types and paths.
  std::string bytes = index::serialize_item_tree(good);
  size_t accepted = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned char flip : {0x01u, 0x10u, 0xffu}) {
      std::string changed = bytes;
      changed[i] = static_cast<char>(changed[i] ^ flip);
      std::optional<index::ItemTree> t = index::deserialize_item_tree(changed);
      if (!t) continue;
      ++accepted;
      size_t visited = 0;
      std::function<void(uint32_t)> walk = [&](uint32_t item) {
        t->for_each_child(item, [&](uint32_t child) {
          ++visited;
          walk(child);
        });
      };
      walk(index::kNone);
      ASSERT_LE(visited, t->items.size()) << "byte " << i;
      (void)index::resolution_hash(*t);
    }
  }
  EXPECT_GT(accepted, 0u);  // changed strings and positions still read
}

}  // namespace
}  // namespace ferret::testing

// Associated items through macro expansions.
#include "sema/assoc_items.h"

namespace ferret::sema {

namespace {

constexpr int kMaxDepth = 32;

void walk(Database& db, const DefMap& dm, FileId file, uint32_t container, int depth,
          const std::function<void(FileId, uint32_t)>& f) {
  const index::ItemTree& t = db.item_tree(file);
  t.for_each_child(container, [&](uint32_t c) {
    if (t.items[c].kind != index::ItemKind::MacroCall) {
      f(file, c);
      return;
    }
    FileId expansion = dm.expansion_of(file, c);
    // An expansion identical to the one it is in (a macro calling itself) ends here.
    if (expansion != kNoIndex && expansion != file && depth < kMaxDepth) {
      walk(db, dm, expansion, index::kNone, depth + 1, f);
    }
  });
}

}  // namespace

void for_each_assoc_item(Database& db, CrateId owner, FileId file, uint32_t item,
                         const std::function<void(FileId, uint32_t)>& f) {
  if (owner == base::kNoCrate || owner >= db.graph().size()) return;
  walk(db, db.def_map(owner), file, item, 0, f);
}

}  // namespace ferret::sema

// Associated items through macro expansions, followed to any depth: an expansion
// already open further up (a macro expanding to its own call again) ends there.
#include "sema/assoc_items.h"

#include <algorithm>
#include <vector>

namespace ferret::sema {

void for_each_assoc_item(Database& db, CrateId owner, FileId file, uint32_t item,
                         const std::function<void(FileId, uint32_t)>& f) {
  if (owner == base::kNoCrate || owner >= db.graph().size()) return;
  const DefMap& dm = db.def_map(owner);
  // The files being walked, outermost first, each with its next child and end.
  struct Frame {
    FileId file;
    uint32_t next, end;
  };
  std::vector<Frame> stack;
  auto open = [&](FileId in, uint32_t container) {
    const index::ItemTree& t = db.item_tree(in);
    uint32_t begin = container == index::kNone ? 0 : container + 1;
    uint32_t end = container == index::kNone ? static_cast<uint32_t>(t.items.size())
                                             : t.items[container].subtree_end;
    stack.push_back(Frame{in, begin, std::min(end, static_cast<uint32_t>(t.items.size()))});
  };
  open(file, item);
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next >= top.end) {
      stack.pop_back();
      continue;
    }
    FileId in = top.file;
    const index::ItemTree& t = db.item_tree(in);
    uint32_t c = top.next;
    top.next = std::max(t.items[c].subtree_end, c + 1);
    if (t.items[c].kind != index::ItemKind::MacroCall) {
      f(in, c);
      continue;
    }
    FileId expansion = dm.expansion_of(in, c);
    if (expansion == kNoIndex) continue;
    bool open_above = std::any_of(stack.begin(), stack.end(),
                                  [&](const Frame& fr) { return fr.file == expansion; });
    if (!open_above) open(expansion, index::kNone);
  }
}

}  // namespace ferret::sema

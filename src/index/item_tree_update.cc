// Shifting an item tree's positions past an edit inside a function body (see
// item_tree_update.h).
#include "index/item_tree_update.h"

namespace ferret::index {

namespace {

// Where a byte range of the old text stands to the edited bytes [a, b).
enum class Side { Before, After, Around, Touched };

Side side_of(uint32_t start, uint32_t end, uint32_t a, uint32_t b) {
  if (end <= a && !(start == end && start == a && a < b)) return Side::Before;
  if (start >= b) return Side::After;
  if (start < a && end > b) return Side::Around;
  return Side::Touched;
}

}  // namespace

bool shift_item_tree(ItemTree& tree, const syntax::SyntaxTree& new_tree, const syntax::BodyEdit& edit) {
  if (!edit.items_unchanged) return false;
  const uint32_t a = edit.start, b = edit.old_end;
  // Everything after the edit must start on a later line (its column is unchanged).
  auto movable = [&](uint32_t start) { return edit.next_newline != UINT32_MAX && start > edit.next_newline; };
  for (const Item& it : tree.items) {
    Side s = side_of(it.start, it.end, a, b);
    if (s == Side::Touched || (s == Side::After && !movable(it.start))) return false;
    // Only the function, what holds it and block scopes in the body may hold the edit.
    if (s == Side::Around && it.kind != ItemKind::Block && it.start >= edit.body_start) return false;
  }
  for (const Import& imp : tree.imports) {
    if (imp.offset >= a && imp.offset < b) return false;
  }
  for (const MacroData& m : tree.macros) {
    if (m.body_offset >= a && m.body_offset < b) return false;
  }

  const int64_t delta = edit.delta();
  auto moved = [&](uint32_t offset) { return static_cast<uint32_t>(offset + delta); };
  for (size_t i = 0; i < tree.items.size(); ++i) {
    switch (side_of(tree.items[i].start, tree.items[i].end, a, b)) {
      case Side::After: {
        Item& m = tree.items[i];
        m.start = moved(m.start);
        m.end = moved(m.end);
        m.name_offset = moved(m.name_offset);
        m.name_line = static_cast<uint32_t>(m.name_line + edit.line_delta);
        break;
      }
      case Side::Around: tree.items[i].end = moved(tree.items[i].end); break;
      default: break;
    }
  }
  for (size_t i = 0; i < tree.imports.size(); ++i) {
    if (tree.imports[i].offset >= b) {
      Import& m = tree.imports[i];
      m.offset = moved(m.offset);
      m.line = static_cast<uint32_t>(m.line + edit.line_delta);
    }
  }
  for (size_t i = 0; i < tree.macros.size(); ++i) {
    if (tree.macros[i].body_offset >= b) tree.macros[i].body_offset = moved(tree.macros[i].body_offset);
  }
  tree.text_size = static_cast<uint32_t>(new_tree.text().size());
  return true;
}

}  // namespace ferret::index

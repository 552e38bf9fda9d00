// Shifting an item tree's positions past an edited function body (see item_tree_update.h).
#include "index/item_tree_update.h"

#include "syntax/syntax_kind.h"

namespace ferret::index {

bool shift_item_tree(ItemTree& tree, const syntax::SyntaxTree& new_tree, const syntax::BodyEdit& edit) {
  if (!edit.newline_after_edit || edit.body >= new_tree.nodes().size()) return false;
  const uint32_t body_start = edit.body_start, body_end = edit.old_body_end;
  auto inside = [&](uint32_t offset) { return offset >= body_start && offset < body_end; };
  for (const Item& it : tree.items) {
    if (inside(it.start)) return false;
  }
  for (const Import& imp : tree.imports) {
    if (inside(imp.offset)) return false;
  }
  const syntax::Node& body = new_tree.at(edit.body);
  for (syntax::NodeId n = edit.body + 1; n < body.subtree_end; ++n) {
    if (syntax::is_item(new_tree.at(n).kind)) return false;
  }

  const int64_t delta = edit.delta();
  auto moved = [&](uint32_t offset) { return static_cast<uint32_t>(offset + delta); };
  for (size_t i = 0; i < tree.items.size(); ++i) {
    const Item& it = tree.items[i];
    if (it.start >= body_end) {
      Item& m = tree.items[i];
      m.start = moved(m.start);
      m.end = moved(m.end);
      m.name_offset = moved(m.name_offset);
      m.name_line = static_cast<uint32_t>(m.name_line + edit.line_delta);
    } else if (it.end >= body_end) {  // the function and what encloses it
      tree.items[i].end = moved(it.end);
    }
  }
  for (size_t i = 0; i < tree.imports.size(); ++i) {
    if (tree.imports[i].offset >= body_end) {
      Import& m = tree.imports[i];
      m.offset = moved(m.offset);
      m.line = static_cast<uint32_t>(m.line + edit.line_delta);
    }
  }
  for (size_t i = 0; i < tree.macros.size(); ++i) {
    if (tree.macros[i].body_offset >= body_end) tree.macros[i].body_offset = moved(tree.macros[i].body_offset);
  }
  tree.text_size = static_cast<uint32_t>(new_tree.text().size());
  return true;
}

}  // namespace ferret::index

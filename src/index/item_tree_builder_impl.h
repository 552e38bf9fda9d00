// Internal to the index layer: the state shared by the item tree builder's files
// (items and attributes in item_tree_builder.cc; paths, types, generics and cfg
// predicates in item_tree_signatures.cc).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/item_tree.h"
#include "syntax/syntax_tree.h"

namespace ferret::index::detail {

using syntax::SyntaxKind;
using syntax::SyntaxNode;
using syntax::TokenKind;

class Builder {
 public:
  // `positions`: line starts for item positions (not needed for type fragments).
  explicit Builder(const syntax::SyntaxTree& tree, bool positions = true);
  ItemTree finish() { return std::move(out_); }

  // ---- items (item_tree_builder.cc) ----
  void collect_items(SyntaxNode container, uint32_t parent);
  // Blocks with items anywhere below `node` (a function body): Block items.
  void body_blocks(SyntaxNode node, uint32_t parent, int depth);
  bool bodies_ = false;
  // tuple_index >= 0 names a tuple field "0", "1", ….
  void add_item(SyntaxNode node, uint32_t parent, int tuple_index = -1);
  void visibility(SyntaxNode vis, Item& it);
  void file_attributes(SyntaxNode root);

  // ---- signatures (item_tree_signatures.cc) ----
  uint32_t path(SyntaxNode path_node);
  uint32_t type(SyntaxNode type_node);  // kNone for an absent node
  uint32_t generics(SyntaxNode item_node);
  void bounds(SyntaxNode bound_list, uint32_t& begin, uint32_t& end);
  // A cfg predicate from tokens [begin, end) (the inside of `cfg( … )`).
  uint32_t cfg_predicate(uint32_t begin, uint32_t end, int depth = 0);
  uint32_t cfg_all(uint32_t a, uint32_t b);

  // ---- helpers ----
  Str intern(std::string_view s);
  Str intern_collapsed(std::string_view s);  // whitespace runs -> one space, trimmed
  // An item's one-line signature: collapsed, without attributes inside it (`#[unstable]`
  // on a generic parameter), `~const` bound markers and the `default` of specialization.
  Str intern_signature(std::string_view s);
  std::string_view token_text(uint32_t t) const { return tree_.token_text(t); }
  TokenKind token_kind(uint32_t t) const { return tree_.token_kind(t); }
  std::string_view node_text(SyntaxNode n) const { return n ? n.text() : std::string_view(); }
  static std::string_view strip_raw(std::string_view ident) {
    return ident.size() > 2 && ident[0] == 'r' && ident[1] == '#' ? ident.substr(2) : ident;
  }
  void line_col(uint32_t offset, uint32_t& line, uint32_t& col) const;
  // The index just past the token closing the group opened at token `open`.
  uint32_t group_end(uint32_t open, uint32_t limit) const;

  const syntax::SyntaxTree& tree_;
  ItemTree out_;

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Str, StringHash, std::equal_to<>> interned_;
  std::vector<uint32_t> line_starts_;
};

bool is_type_node(SyntaxKind k);
bool is_pattern_node(SyntaxKind k);

}  // namespace ferret::index::detail

// Where and how a `use` is added (see import_insertion.h).
#include "ide/import_insertion.h"

#include <algorithm>
#include <vector>

#include "ide/item_matches.h"

namespace ferret::ide {

using syntax::SyntaxKind;
using syntax::SyntaxNode;

namespace {

// A `use` item's text on one line, without spaces inside braces or before `,` and `;`
// (`use a::{ B,C }` and `use a::{B, C};` read alike).
std::string squeeze(std::string_view s) {
  std::string collapsed = collapse_whitespace(s);
  std::string out;
  for (size_t i = 0; i < collapsed.size(); ++i) {
    char ch = collapsed[i];
    if (ch == ' ' &&
        (out.empty() || out.back() == '{' || i + 1 == collapsed.size() || collapsed[i + 1] == ',' ||
         collapsed[i + 1] == '}' || collapsed[i + 1] == ';')) {
      continue;
    }
    out += ch;
  }
  return out;
}

// A `use` the edit can read: `use P::N;` or `use P::{A, B};` (no attributes, no
// visibility, no renames, no nesting).
struct SimpleUse {
  std::string prefix;
  std::vector<std::string> names;
  bool group = false;
};

std::optional<SimpleUse> read_use(std::string_view text) {
  std::string t = squeeze(text);
  if (t.rfind("use ", 0) != 0 || t.empty() || t.back() != ';') return std::nullopt;
  t = t.substr(4, t.size() - 5);
  if (t.find(" as ") != std::string::npos || t.find('*') != std::string::npos) return std::nullopt;
  SimpleUse u;
  size_t brace = t.find('{');
  if (brace != std::string::npos) {
    if (brace < 2 || t.compare(brace - 2, 2, "::") != 0 || t.back() != '}') return std::nullopt;
    std::string inner = t.substr(brace + 1, t.size() - brace - 2);
    if (inner.find('{') != std::string::npos || inner.find("::") != std::string::npos)
      return std::nullopt;
    u.prefix = t.substr(0, brace - 2);
    u.group = true;
    size_t pos = 0;
    while (pos <= inner.size()) {
      size_t comma = inner.find(',', pos);
      std::string name =
          squeeze(inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
      if (!name.empty()) u.names.push_back(name);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    return u;
  }
  size_t split = t.rfind("::");
  if (split == std::string::npos) return std::nullopt;
  u.prefix = t.substr(0, split);
  u.names.push_back(t.substr(split + 2));
  return u;
}

// rustfmt's order inside braces: `self` first, then the names.
bool before(const std::string& a, const std::string& b) {
  if ((a == "self") != (b == "self")) return a == "self";
  return a < b;
}

std::string indentation_at(std::string_view text, uint32_t offset) {
  size_t line = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  size_t start = line == std::string_view::npos ? 0 : line + 1;
  size_t end = start;
  while (end < offset && (text[end] == ' ' || text[end] == '\t')) ++end;
  return std::string(text.substr(start, end - start));
}

// The items of the innermost inline module around `offset` (or the file's).
std::vector<SyntaxNode> container_items(const syntax::SyntaxTree& tree, uint32_t offset) {
  SyntaxNode list = tree.root();
  for (SyntaxNode n = tree.node(tree.innermost_node_at(offset)); n; n = n.parent()) {
    if (n.kind() == SyntaxKind::ItemList && n.parent() && n.parent().kind() == SyntaxKind::Module) {
      list = n;
      break;
    }
  }
  std::vector<SyntaxNode> items;
  for (SyntaxNode c : list.children()) items.push_back(c);
  return items;
}

}  // namespace

std::optional<TextEdit> import_edit(const syntax::SyntaxTree& tree, uint32_t offset,
                                    std::string_view path) {
  size_t split = path.rfind("::");
  if (split == std::string_view::npos || split == 0) return std::nullopt;
  std::string parent(path.substr(0, split));
  std::string name(path.substr(split + 2));
  std::string_view text = tree.text();
  std::vector<SyntaxNode> items = container_items(tree, offset);
  std::vector<SyntaxNode> uses;
  for (const SyntaxNode& n : items) {
    if (n.kind() != SyntaxKind::Use) continue;
    uses.push_back(n);
    std::optional<SimpleUse> u = read_use(n.text());
    if (u && u->prefix == parent &&
        std::find(u->names.begin(), u->names.end(), name) != u->names.end()) {
      return std::nullopt;  // already imported
    }
  }
  // Merged into a `use` of the same parent.
  for (const SyntaxNode& n : uses) {
    std::optional<SimpleUse> u = read_use(n.text());
    if (!u || u->prefix != parent) continue;
    u->names.push_back(name);
    std::sort(u->names.begin(), u->names.end(), before);
    std::string list;
    for (const std::string& x : u->names) list += (list.empty() ? "" : ", ") + x;
    return TextEdit{n.range().start, n.range().end, "use " + parent + "::{" + list + "};"};
  }
  std::string line = "use " + std::string(path) + ";";
  // A new line in sorted place among the `use` items.
  if (!uses.empty()) {
    for (const SyntaxNode& n : uses) {
      if (squeeze(n.text()) > line) {
        uint32_t at = n.range().start;
        return TextEdit{at, at, line + "\n" + indentation_at(text, at)};
      }
    }
    const SyntaxNode& last = uses.back();
    uint32_t at = last.range().end;
    return TextEdit{at, at, "\n" + indentation_at(text, last.range().start) + line};
  }
  // Before the first item (after inner attributes and doc comments).
  for (const SyntaxNode& n : items) {
    if (n.kind() == SyntaxKind::Attr || n.kind() == SyntaxKind::Error) continue;
    uint32_t at = n.range().start;
    std::string indent = indentation_at(text, at);
    return TextEdit{at, at, line + "\n\n" + indent};
  }
  uint32_t at = static_cast<uint32_t>(text.size());
  return TextEdit{at, at, (at == 0 || text.back() == '\n' ? "" : "\n") + line + "\n"};
}

}  // namespace ferret::ide

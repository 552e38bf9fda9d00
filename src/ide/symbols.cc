// Document and workspace symbols from item trees.
#include "ide/symbols.h"

#include <algorithm>
#include <set>

#include "sema/def_map.h"

namespace ferret::ide {

namespace {

using index::Item;
using index::ItemKind;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool shown(const index::ItemTree& t, const Item& it) {
  switch (it.kind) {
    case ItemKind::Use:
    case ItemKind::ExternCrate:
    case ItemKind::MacroCall:
    case ItemKind::ExternBlock:
    case ItemKind::Block:
      return false;
    case ItemKind::Field: {
      std::string_view n = t.str(it.name);
      return !n.empty() && !(n[0] >= '0' && n[0] <= '9');  // named fields only
    }
    case ItemKind::Impl:
      return true;
    default:
      return !t.str(it.name).empty();
  }
}

std::string symbol_name(const index::ItemTree& t, const Item& it) {
  if (it.kind != ItemKind::Impl) {
    std::string n(t.str(it.name));
    if (it.kind == ItemKind::MacroRules || it.kind == ItemKind::MacroDef) n += '!';
    return n;
  }
  // `impl<T: Clone> Trait for Type<T> where …` reads `impl Trait for Type<T>`.
  std::string_view sig = t.str(it.signature);
  std::string out = "impl ";
  size_t i = 4;
  if (i < sig.size() && sig[i] == '<') {
    int depth = 0;
    for (; i < sig.size(); ++i) {
      if (sig[i] == '<') ++depth;
      if (sig[i] == '>' && sig[i - 1] != '-' && --depth == 0) {
        ++i;
        break;
      }
    }
  }
  std::string_view rest = sig.substr(std::min(i, sig.size()));
  size_t where = rest.find(" where ");
  if (where != std::string_view::npos) rest = rest.substr(0, where);
  while (!rest.empty() && (rest.front() == ' ')) rest.remove_prefix(1);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '{')) rest.remove_suffix(1);
  out += rest;
  return out;
}

Symbol make_symbol(const index::ItemTree& t, const Item& it, const Item* parent) {
  Symbol s;
  s.name = symbol_name(t, it);
  s.kind = it.kind;
  s.member = parent != nullptr && (parent->kind == ItemKind::Impl || parent->kind == ItemKind::Trait);
  s.start = it.start;
  s.end = it.end;
  s.name_offset = it.name_offset;
  return s;
}

// The symbols of the items in [begin, end) whose parent is `parent` (hidden items'
// children are lifted to the nearest shown ancestor).
void collect(const index::ItemTree& t, uint32_t begin, uint32_t end, const Item* parent, std::vector<Symbol>& out) {
  for (uint32_t i = begin; i < end;) {
    const Item& it = t.items[i];
    if (shown(t, it)) {
      Symbol s = make_symbol(t, it, parent);
      collect(t, i + 1, it.subtree_end, &it, s.children);
      out.push_back(std::move(s));
    } else {
      collect(t, i + 1, it.subtree_end, parent, out);
    }
    i = std::max(it.subtree_end, i + 1);
  }
}

bool word_start(std::string_view name, size_t i) {
  if (i == 0) return true;
  char prev = name[i - 1], c = name[i];
  return prev == '_' || (c >= 'A' && c <= 'Z' && !(prev >= 'A' && prev <= 'Z'));
}

}  // namespace

std::vector<Symbol> document_symbols(const index::ItemTree& tree) {
  std::vector<Symbol> out;
  collect(tree, 0, static_cast<uint32_t>(tree.items.size()), nullptr, out);
  return out;
}

uint32_t fuzzy_score(std::string_view query, std::string_view name) {
  if (query.empty()) return 1;
  if (query.size() > name.size()) return 0;
  bool exact_case = name.substr(0, query.size()) == query;
  bool prefix = true;
  for (size_t i = 0; i < query.size() && prefix; ++i) prefix = lower(query[i]) == lower(name[i]);
  if (prefix && query.size() == name.size()) return exact_case ? 10000 : 9000;
  if (prefix) return (exact_case ? 8000 : 7000) - static_cast<uint32_t>(std::min<size_t>(name.size(), 999));
  // A subsequence, rewarding matches at word starts and runs of adjacent characters.
  uint32_t score = 1000;
  size_t j = 0;
  bool prev_matched = false;
  for (size_t i = 0; i < name.size() && j < query.size(); ++i) {
    if (lower(name[i]) == lower(query[j])) {
      score += word_start(name, i) ? 60 : prev_matched ? 30 : 5;
      ++j;
      prev_matched = true;
    } else {
      prev_matched = false;
    }
  }
  if (j < query.size()) return 0;
  return score - static_cast<uint32_t>(std::min<size_t>(name.size(), 999));
}

std::vector<WorkspaceSymbol> workspace_symbols(sema::Database& db, std::string_view query, size_t limit) {
  std::vector<WorkspaceSymbol> out;
  std::set<sema::FileId> files;
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
    if (db.graph()[c].origin != base::CrateOrigin::Workspace) continue;
    const sema::DefMap& dm = db.def_map(c);
    for (const sema::ModuleData& m : dm.modules) {
      if (m.file != sema::kNoIndex && m.item == sema::kNoIndex && !m.block && !db.is_macro_file(m.file)) files.insert(m.file);
    }
  }
  for (sema::FileId f : files) {
    const index::ItemTree& t = db.item_tree(f);
    for (uint32_t i = 0; i < t.items.size(); ++i) {
      const Item& it = t.items[i];
      if (!shown(t, it) || it.kind == ItemKind::Impl || it.kind == ItemKind::Field) continue;
      std::string_view name = t.str(it.name);
      uint32_t score = fuzzy_score(query, name);
      if (score == 0) continue;
      const Item* parent = nullptr;
      for (uint32_t p = it.parent; p != index::kNone; p = t.items[p].parent) {
        if (shown(t, t.items[p])) {
          parent = &t.items[p];
          break;
        }
      }
      WorkspaceSymbol w;
      w.symbol = make_symbol(t, it, parent);
      w.path = db.file_path(f);
      w.container = parent != nullptr ? symbol_name(t, *parent) : "";
      w.score = score;
      out.push_back(std::move(w));
    }
  }
  std::sort(out.begin(), out.end(), [](const WorkspaceSymbol& a, const WorkspaceSymbol& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.symbol.name != b.symbol.name) return a.symbol.name < b.symbol.name;
    if (a.path != b.path) return a.path < b.path;
    return a.symbol.name_offset < b.symbol.name_offset;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace ferret::ide

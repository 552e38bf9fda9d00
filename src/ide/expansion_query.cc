// Queries moved into a macro expansion (see expansion_query.h).
#include "ide/expansion_query.h"

#include <algorithm>

#include "ide/item_matches.h"
#include "syntax/parse.h"

namespace ferret::ide {

namespace {

// Where byte `source_offset` of `file` landed in expansion `exp`, if it did.
std::optional<uint32_t> map_into(sema::Database& db, sema::FileId exp, sema::FileId file,
                                 uint32_t source_offset) {
  db.original_location(exp, 0);  // loads a cached expansion's text and spans
  const sema::MacroFileInfo* info = db.macro_file(exp);
  if (info == nullptr) return std::nullopt;
  const auto& spans = info->spans;
  for (size_t i = 0; i < spans.size(); ++i) {
    const sema::MacroFileInfo::SpanRun& r = spans[i];
    if (r.file != file || source_offset < r.origin) continue;
    if (source_offset - r.origin < r.len) return r.start + (source_offset - r.origin);
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<Query> expansion_query(Query& q, uint32_t source_offset) {
  sema::Database& db = q.db;
  const sema::DefMap& dm = db.def_map(q.krate);
  // Expansions whose items the def map has (not those of macros called inside them).
  std::vector<uint8_t> has_items;
  for (const sema::ItemLoc& l : dm.items) {
    if (l.file >= has_items.size()) has_items.resize(l.file + 1, 0);
    has_items[l.file] = 1;
  }
  std::vector<sema::FileId> candidates;
  for (const auto& [call, exp] : dm.expansions) {
    if (db.is_macro_file(exp)) candidates.push_back(exp);
  }
  // The same choice every time: items first, then the lowest file. Expansions are
  // read in that order only until one holds the position.
  std::sort(candidates.begin(), candidates.end(), [&](sema::FileId a, sema::FileId b) {
    bool ia = a < has_items.size() && has_items[a];
    bool ib = b < has_items.size() && has_items[b];
    return ia != ib ? ia : a < b;
  });
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (sema::FileId exp : candidates) {
    std::optional<uint32_t> at = map_into(db, exp, q.file, source_offset);
    if (!at) continue;
    base::FileText text = db.file_text(exp);
    if (!text) continue;
    auto eq = std::make_unique<Query>(db, exp, text, db.full_tree(exp, db.file_edition(exp)));
    eq->krate = q.krate;
    eq->offset =
        std::min<uint32_t>(*at + (q.offset - source_offset), static_cast<uint32_t>(text->size()));
    eq->module = db.module_of_file(q.krate, exp, eq->offset);
    if (eq->module == sema::kNoIndex) {
      const sema::MacroFileInfo* info = db.macro_file(exp);
      eq->module = db.module_of_file(q.krate, info->call.file, info->call.offset);
    }
    if (eq->module == sema::kNoIndex) eq->module = q.module;
    q.note("answered in an expansion of the macro, " + db.file_path(exp) + ", in " +
           describe_module(db, q.krate, eq->module));
    return eq;
  }
  return nullptr;
}

}  // namespace ferret::ide

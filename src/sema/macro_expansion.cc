// Expanding an item-position macro call into a macro file.
#include "sema/macro_expansion.h"

namespace ferret::sema {

MacroExpansion expand_macro_call(Database& db, const ItemLoc& def, CrateId def_crate,
                                 FileId call_file, uint32_t call_item, const ExpandLimits& limits) {
  MacroExpansion out;
  const MacroRulesDef& rules = db.macro_rules_def(def.file, def.item);
  const index::ItemTree& t = db.item_tree(call_file);
  if (call_item >= t.items.size() || t.items[call_item].data == index::kNone) {
    out.error = "not a macro call";
    return out;
  }
  const index::MacroData& md = t.macros[t.items[call_item].data];
  syntax::Edition edition = db.file_edition(call_file);
  TokenStream input = lex_token_stream(t.str(md.body), edition, [&](uint32_t off) {
    return db.original_location(call_file, md.body_offset + off);
  });
  ExpandResult r = expand_macro_rules(rules, input, edition, limits);
  out.steps = r.steps;
  out.over_limit = r.over_limit;
  if (!r.ok) {
    out.error = std::move(r.error);
    return out;
  }
  out.tokens = r.output.size();
  MacroFileInfo info;
  info.dollar_crate = def_crate;
  const index::Item& def_item = db.item_tree(def.file).items[def.item];
  info.local_inner_macros = (def_item.flags & index::kItemLocalInnerMacros) != 0;
  info.call = db.original_location(call_file, t.items[call_item].name_offset);
  // Runs of tokens written one after another in the same real file share one span.
  const TokenStream& s = r.output;
  for (uint32_t i = 0; i < s.size(); ++i) {
    const TokenOrigin& o = s.origins[i];
    if (o.file == kNoIndex) continue;
    const syntax::Token& tok = s.tokens[i];
    if (!info.spans.empty()) {
      MacroFileInfo::SpanRun& last = info.spans.back();
      if (last.file == o.file && o.offset >= last.origin &&
          o.offset - last.origin == tok.start - last.start) {
        last.len = tok.end() - last.start;
        continue;
      }
    }
    info.spans.push_back(MacroFileInfo::SpanRun{tok.start, tok.len, o.file, o.offset});
  }
  syntax::Edition def_edition = db.file_edition(def.file);
  out.file = db.add_macro_file(std::move(r.output.text), def_edition, std::move(info));
  return out;
}

}  // namespace ferret::sema

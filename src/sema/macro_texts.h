// A crate's macro expansions in the cache: the "defmacros" entry written beside its def
// map holds the map's result hash, then one record per expansion (its text and the
// source positions of its names). The map names each expansion by its identity
// (expansion_key) and its record's place. A cached map is used only with the texts
// entry written with it (the result hash) holding a whole record for every expansion:
// the cache never turns an expansion into an empty one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sema/database.h"
#include "syntax/token.h"

namespace ferret::sema {

// An expansion's identity: its text, its edition and what `$crate` means in it (the
// fingerprint of that crate; 0 for none). Equal keys mean the same expansion file.
uint64_t expansion_key(std::string_view text, syntax::Edition edition,
                       uint64_t dollar_crate_fingerprint);

// A texts entry being written: the result hash of its map comes first, when known.
std::string begin_macro_texts();
void seal_macro_texts(std::string& texts, uint64_t result_hash);

// Where a record is in a texts entry (offsets count from after the result hash).
struct MacroTextPlace {
  uint32_t offset = 0;
  uint32_t size = 0;
};

// Appends one expansion's record: its text and its name positions, whose `file` fields
// are numbers of the map's file table.
MacroTextPlace append_macro_text(std::string& texts, std::string_view text,
                                 const std::vector<MacroFileInfo::SpanRun>& positions);

// Whether `texts` is the entry written with the map whose result hash is `result_hash`.
bool macro_texts_belong_to(std::string_view texts, uint64_t result_hash);

// One record read back (views into the entry); nullopt unless `place` is exactly one
// whole record inside `texts`.
inline constexpr size_t kMacroTextPositionSize = 16;
struct MacroTextRecord {
  std::string_view text;
  std::string_view positions;  // kMacroTextPositionSize bytes each
  size_t position_count() const { return positions.size() / kMacroTextPositionSize; }
  // Position i; its `file` is a number of the map's file table.
  MacroFileInfo::SpanRun position(size_t i) const;
};
std::optional<MacroTextRecord> read_macro_text(std::string_view texts, MacroTextPlace place);

}  // namespace ferret::sema

// The texts entry of a cached def map: result hash (8 bytes), then records of
// u32 text size, text, u32 position count, positions (4 x u32 each).
#include "sema/macro_texts.h"

#include <cstring>

#include "base/bytes.h"
#include "index/content_hash.h"

namespace ferret::sema {

namespace {

constexpr size_t kResultHashSize = 8;

}  // namespace

uint64_t expansion_key(std::string_view text, syntax::Edition edition,
                       uint64_t dollar_crate_fingerprint) {
  uint64_t key = index::combine_hash(index::content_hash(text), static_cast<uint64_t>(edition));
  return index::combine_hash(key, dollar_crate_fingerprint);
}

std::string begin_macro_texts() {
  return std::string(kResultHashSize, '\0');
}

void seal_macro_texts(std::string& texts, uint64_t result_hash) {
  if (texts.size() >= kResultHashSize) std::memcpy(texts.data(), &result_hash, kResultHashSize);
}

MacroTextPlace append_macro_text(std::string& texts, std::string_view text,
                                 const std::vector<MacroFileInfo::SpanRun>& positions) {
  base::ByteWriter w;
  w.str(text);
  w.u32(static_cast<uint32_t>(positions.size()));
  for (const MacroFileInfo::SpanRun& run : positions) {
    w.u32(run.start);
    w.u32(run.len);
    w.u32(run.file);
    w.u32(run.origin);
  }
  MacroTextPlace place;
  place.offset = static_cast<uint32_t>(texts.size() - kResultHashSize);
  place.size = static_cast<uint32_t>(w.bytes().size());
  texts += w.bytes();
  return place;
}

bool macro_texts_belong_to(std::string_view texts, uint64_t result_hash) {
  uint64_t stored = 0;
  if (texts.size() < kResultHashSize) return false;
  std::memcpy(&stored, texts.data(), kResultHashSize);
  return stored == result_hash;
}

std::optional<MacroTextRecord> read_macro_text(std::string_view texts, MacroTextPlace place) {
  if (texts.size() < kResultHashSize) return std::nullopt;
  std::string_view records = texts.substr(kResultHashSize);
  if (uint64_t{place.offset} + place.size > records.size()) return std::nullopt;
  base::ByteReader r(records.substr(place.offset, place.size));
  MacroTextRecord record;
  record.text = r.str();
  uint32_t count = r.count(kMacroTextPositionSize);
  if (!r.ok()) return std::nullopt;
  std::string_view rest = records.substr(place.offset, place.size);
  rest.remove_prefix(rest.size() - r.remaining());
  if (rest.size() != size_t{count} * kMacroTextPositionSize) return std::nullopt;
  record.positions = rest;
  return record;
}

MacroFileInfo::SpanRun MacroTextRecord::position(size_t i) const {
  base::ByteReader r(positions.substr(i * kMacroTextPositionSize, kMacroTextPositionSize));
  MacroFileInfo::SpanRun run;
  run.start = r.u32();
  run.len = r.u32();
  run.file = r.u32();
  run.origin = r.u32();
  return run;
}

}  // namespace ferret::sema

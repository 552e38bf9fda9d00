// Def maps in the persistent cache: serialization (crate, file and name references
// written as fingerprints, paths and strings, so they survive across processes) and
// validation on load — every file the map was built from must still have the same
// stamp (or still be missing), and every dependency's map must be the one it was
// built against.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "index/cache_store.h"
#include "sema/def_map.h"

namespace ferret::sema {

class Database;

// Bump when DefMap, the collector's output or this format changes.
inline constexpr uint32_t kDefMapFormat = 17;

// The whole map, and its header alone (what it was built from: files with their
// stamps, dependencies with their maps' result hashes). The header is a separate,
// small cache entry, so whether a dependency's cached map is still good can be decided
// without loading it.
// The expansions' texts are appended to `macro_texts` (the map records where each is).
std::string serialize_def_map(Database& db, const DefMap& dm, std::string* macro_texts = nullptr);
std::string serialize_def_map_header(Database& db, const DefMap& dm);

// The map's result hash when the header is intact and still holds: every file has its
// stamp, every dependency `d` has `dep_hash(d)` equal to what it was built against.
std::optional<uint64_t> validate_def_map_header(Database& db, CrateId krate, std::string_view bytes,
                                                const std::function<uint64_t(CrateId)>& dep_hash);

// A cached map from its entry `bytes`, whose header validate_def_map_header has found
// still holding with `result_hash`. nullopt when the bytes are damaged, are another
// build of the map, or a referenced crate is not in this graph — or when the entry of
// its expansions' texts (`load_texts`, called only once the map itself is found good;
// see macro_texts.h) is missing, belongs to another build of the map, or does not
// hold every expansion's text: the map is then built again.
// The map keeps `bytes`: its modules' names are decoded on first use (DefMap::module).
std::optional<DefMap> deserialize_def_map(
    Database& db, CrateId krate, std::shared_ptr<const index::CacheBlob> bytes,
    uint64_t result_hash,
    const std::function<std::shared_ptr<const index::CacheBlob>()>& load_texts);

}  // namespace ferret::sema

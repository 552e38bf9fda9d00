// Def maps in the persistent cache: serialization (crate, file and name references
// written as fingerprints, paths and strings, so they survive across processes) and
// validation on load — every file the map was built from must still have the same
// stamp (or still be missing), and every dependency's map must be the one it was
// built against.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sema/def_map.h"

namespace ferret::sema {

class Database;

// Bump when DefMap, the collector's output or this format changes.
inline constexpr uint32_t kDefMapFormat = 3;

std::string serialize_def_map(Database& db, const DefMap& dm);

// nullopt when the bytes are damaged or stale (a file changed, a dependency's map was
// rebuilt, a referenced crate is not in this graph). Dependencies' maps are loaded
// (or built) first through the database.
std::optional<DefMap> deserialize_def_map(Database& db, CrateId krate, std::string_view bytes);

}  // namespace ferret::sema

// The temp files of cache writers that died mid-write (kill -9, a crash, the detached
// writer's time limit): DiskCacheStore::put writes `<entry>.<pid>-<n>-<random>.tmp`
// beside the entry and renames it, so a writer killed in between leaves its temp file.
// A sweep of the whole cache removes those older than an hour (no live writer takes
// that long). It runs at most once a day per cache folder — a marker file's time says
// when it last ran — and only from a process that writes, never on a query's path.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace ferret::frontends {

inline constexpr std::chrono::hours kStaleTempAge{1};
inline constexpr std::chrono::hours kSweepInterval{24};

// The temp file DiskCacheStore::put writes an entry's bytes to before renaming it over
// `entry_path`: <entry>.<pid>-<n>-<random>.tmp, a name no other writer uses (the
// process id, a per-process counter, some bits of the clock; O_EXCL catches the rest).
std::string cache_temp_path(const std::string& entry_path);

// Whether `name` is the file name of such a temp file of an entry: 16 hex digits, '.',
// digits, '-', digits, '-', 8 hex digits, ".tmp".
bool is_cache_temp_name(std::string_view name);

// When the sweep of cache folder `root` (<dir>/v<FORMAT>) is due, marks it done (so
// concurrent processes rarely sweep twice) and removes every cache temp file below
// `root` last modified before `now - kStaleTempAge`. Returns the number removed.
// Follows no symbolic link; never throws.
size_t sweep_stale_temp_files_if_due(const std::string& root);

// The sweep itself, without the marker.
size_t sweep_stale_temp_files(const std::string& root,
                              std::chrono::system_clock::time_point older_than);

}  // namespace ferret::frontends

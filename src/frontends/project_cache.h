// The loaded project (crate graph) in the persistent cache, so a one-shot command does
// not run `cargo metadata` again while nothing it depends on changed: the entry lists
// the files the graph came from (manifests, the lock file, cargo config, the std
// sources' root) with their stamps, and the nearest-manifest search it relied on.
#pragma once

#include <optional>
#include <string>

#include "index/cache_store.h"
#include "project/host.h"
#include "project/workspace_loader.h"

namespace ferret::frontends {

// load_project through the cache (`abs_path` as for load_project).
project::ProjectLoad load_project_cached(const project::Host& host, const index::CacheStore* cache,
                                         const std::string& abs_path);

}  // namespace ferret::frontends

// The recovery property: a file cut at random points still parses, and every item
// that lies wholly before the cut is present with the same kind, name, range and depth.
// Used by a test on a sample of std and by tools/recovery_check on all of it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "syntax/token.h"

namespace ferret::testing {

struct RecoveryStats {
  size_t files = 0;
  size_t cuts = 0;
  size_t items_expected = 0;  // items wholly before their cut
  size_t items_found = 0;
  std::vector<std::string> misses;  // "file@cut: KIND name start..end" (first few)
};

// Cuts `text` at `cuts` pseudo-random byte offsets (deterministic for seed and name).
void check_recovery(const std::string& name, const std::string& text, syntax::Edition edition,
                    int cuts, uint64_t seed, RecoveryStats& stats);

}  // namespace ferret::testing

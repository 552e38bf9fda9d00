// One macro call expanded into a macro file: the definition's rules (memoized by the
// database), the call's tokens with where each was written, macro_rules matching and
// transcription, and the result registered as a file whose item tree the def
// collector reads like any other.
#pragma once

#include <string>

#include "sema/database.h"
#include "sema/macro_rules.h"

namespace ferret::sema {

struct MacroExpansion {
  FileId file = kNoIndex;  // the expansion, or kNoIndex
  std::string error;
  size_t tokens = 0;        // in the expansion
  size_t steps = 0;         // matcher steps spent
  bool over_limit = false;  // failed on a limit
};

// Expands the call `call_item` of `call_file` with the macro_rules!/macro item `def`
// of crate `def_crate`, within `limits`.
MacroExpansion expand_macro_call(Database& db, const ItemLoc& def, CrateId def_crate,
                                 FileId call_file, uint32_t call_item, const ExpandLimits& limits);

}  // namespace ferret::sema

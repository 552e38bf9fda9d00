// One macro call expanded into a macro file: the definition's rules (memoized by the
// database), the call's tokens with where each was written, macro_rules matching and
// transcription, and the result registered as a file whose item tree the def
// collector reads like any other.
#pragma once

#include <string>

#include "sema/database.h"

namespace ferret::sema {

struct MacroExpansion {
  FileId file = kNoIndex;  // the expansion, or kNoIndex
  std::string error;
};

// Expands the call `call_item` of `call_file` with the macro_rules!/macro item `def`
// of crate `def_crate`.
MacroExpansion expand_macro_call(Database& db, const ItemLoc& def, CrateId def_crate, FileId call_file,
                                 uint32_t call_item);

}  // namespace ferret::sema

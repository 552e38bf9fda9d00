// Impl blocks by the type they implement for: for a type (an ADT, a builtin type, a
// slice…) the inherent impls and the trait impls that name it as their self type,
// resolved in the module each impl is written in. Built per crate on first use.
#pragma once

#include <map>
#include <vector>

#include "sema/database.h"
#include "sema/def.h"

namespace ferret::sema {

// What an impl's self type is, as a lookup key: an item or builtin Def, or one of the
// type shapes std implements inherently ([T], [T; N], *const T, tuples…).
struct SelfTypeKey {
  enum class Shape : uint8_t { Def, Slice, Array, Ptr, Ref, Tuple, FnPtr, Never, DynTrait, Other };
  Shape shape = Shape::Other;
  Def def;
  bool operator<(const SelfTypeKey& o) const {
    if (shape != o.shape) return shape < o.shape;
    if (def.kind != o.def.kind) return def.kind < o.def.kind;
    if (def.krate != o.def.krate) return def.krate < o.def.krate;
    return def.index < o.def.index;
  }
};

struct ImplRef {
  CrateId krate;
  uint32_t item;    // ItemId of the impl in its crate's DefMap
  ModuleId module;
  Def trait;        // the implemented trait (None for inherent impls)
};

class ImplIndex {
 public:
  // Impls of `key` found in `krate`.
  const std::vector<ImplRef>& impls_in(Database& db, CrateId krate, const SelfTypeKey& key);

  // The key for a type path resolved in (krate, module), or Other.
  static SelfTypeKey key_for_type(Database& db, CrateId krate, ModuleId module,
                                  const index::ItemTree& tree, uint32_t type);

 private:
  struct CrateImpls {
    bool built = false;
    std::map<SelfTypeKey, std::vector<ImplRef>> by_type;
  };
  std::map<CrateId, CrateImpls> crates_;
};

}  // namespace ferret::sema

// Impl blocks by the type they implement for: for a type (an ADT, a builtin type, a
// slice…) the inherent impls and the trait impls that name it as their self type,
// resolved in the module each impl is written in. Built per crate on first use.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "sema/database.h"
#include "sema/def.h"
#include "sema/scope_lookup.h"

namespace ferret::sema {

struct ImplRef {
  CrateId krate;
  uint32_t item;    // ItemId of the impl in its crate's DefMap
  ModuleId module;
  Def trait;        // the implemented trait (None for inherent impls)
  bool inactive = false;  // in a cfg'd-out module (DefMap::ImplEntry::inactive)
};

class ImplIndex {
 public:
  // Impls of `key` found in `krate`.
  const std::vector<ImplRef>& impls_in(Database& db, CrateId krate, const SelfTypeKey& key);
  // Trait impls of `krate` whose self type is not a named type: blanket impls
  // (`impl<T: Display> ToString for T`), impls for `impl Trait`-like shapes.
  const std::vector<ImplRef>& blanket_impls(Database& db, CrateId krate);
  // The crate is gone (its id may come back as another crate).
  void forget_crate(CrateId krate) { crates_.erase(krate); }

  // The key for a type written in (krate, module), or Other.
  static SelfTypeKey key_for_type(Database& db, CrateId krate, ModuleId module,
                                  const index::ItemTree& tree, uint32_t type);
  static SelfTypeKey key_for_type(MapProvider& maps, CrateId krate, ModuleId module,
                                  const index::ItemTree& tree, uint32_t type);

 private:
  struct CrateImpls {
    bool built = false;
    uint64_t for_map = 0;  // the result hash of the def map it was built from
    std::map<SelfTypeKey, std::vector<ImplRef>> by_type;  // the types asked about
    std::vector<ImplRef> blanket;
  };
  CrateImpls& crate_impls(Database& db, CrateId krate);
  static std::optional<ImplRef> make_ref(Database& db, CrateId krate, const DefMap::ImplEntry& e);
  std::map<CrateId, CrateImpls> crates_;
};

}  // namespace ferret::sema

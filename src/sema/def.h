// What a name resolves to: a Def (a module, an item of some crate, or a builtin type),
// per namespace (types, values, macros), with the visibility it has where it is found.
#pragma once

#include <cstdint>

#include "base/crate_graph.h"

namespace ferret::sema {

using base::CrateId;
using FileId = uint32_t;
using ModuleId = uint32_t;
inline constexpr uint32_t kNoIndex = UINT32_MAX;

enum class Namespace : uint8_t { Types = 0, Values = 1, Macros = 2 };
inline constexpr int kNamespaces = 3;

enum class DefKind : uint8_t {
  None,
  Module,       // index: ModuleId in the crate's DefMap
  Item,         // index: ItemId in the crate's DefMap (DefMap::items)
  BuiltinType,  // index: BuiltinType
};

enum class BuiltinType : uint8_t {
  Bool, Char, Str, I8, I16, I32, I64, I128, Isize, U8, U16, U32, U64, U128, Usize, F32, F64,
  Count_
};

struct Def {
  DefKind kind = DefKind::None;
  CrateId krate = base::kNoCrate;
  uint32_t index = kNoIndex;

  explicit operator bool() const { return kind != DefKind::None; }
  bool operator==(const Def&) const = default;
};

// Where a name is visible: everywhere, or within a module of a crate (and its
// descendants).
struct Visibility {
  bool is_public = true;
  CrateId krate = base::kNoCrate;
  ModuleId module = kNoIndex;
  bool operator==(const Visibility&) const = default;
};

// One namespace's entry of a scope.
struct ScopeDef {
  Def def;
  Visibility vis;
  uint32_t import = kNoIndex;  // the DefMap import record that brought it, if any
  bool from_glob = false;
};

struct PerNs {
  ScopeDef ns[kNamespaces];

  ScopeDef& operator[](Namespace n) { return ns[static_cast<int>(n)]; }
  const ScopeDef& operator[](Namespace n) const { return ns[static_cast<int>(n)]; }
  bool empty() const { return !ns[0].def && !ns[1].def && !ns[2].def; }
};

}  // namespace ferret::sema

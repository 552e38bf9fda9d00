// The type side of one query: the arena, where the query stands (crate, module), and
// memoized facts about items as type terms — an item's generics and where clauses, an
// impl's header, a fn's signature, an ADT's parameters with their defaults — plus the
// language items type rules need (Deref, Iterator, Fn…, found by their paths in core)
// and which crates can see which. Lowering, the trait solver, method probing and body
// inference all work through one TyDb.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/item_tree.h"
#include "sema/database.h"
#include "sema/impl_index.h"
#include "sema/ty.h"

namespace ferret::sema {

// `self: trait<args>` with bindings of its associated types.
struct Predicate {
  TyId self = kUnknownTy;
  TraitBound bound;
};

// Where a type is written: the crate and module its paths resolve in, the item tree
// holding it, the generic parameters in scope (by name, innermost last), and Self.
struct TypeContext {
  CrateId krate = base::kNoCrate;
  ModuleId module = kNoIndex;
  const index::ItemTree* tree = nullptr;
  std::vector<std::pair<std::string, TyId>> params;
  TyId self_ty = kUnknownTy;  // what `Self` is (a Param in a trait)
  Def self_trait;             // in a trait or a trait impl: that trait (`Self::Name`)
  Def expanding_alias;        // in a type alias's body: the alias (`type Result<T> = Result<T, E>`)
  std::vector<TyId> self_trait_args;  // that trait's arguments (a trait's own parameters)
  // The traits bounding each parameter as written (`I: SliceIndex<[T]>`): what
  // `I::Output` is looked up in; `path` is the bound's path in `tree`.
  struct ParamBound {
    TyId param;
    Def trait;
    uint32_t path;
    const index::ItemTree* tree;
  };
  std::vector<ParamBound> param_bounds;
};

// An item's own generic parameters and its predicates (parameter bounds and where
// clauses), in terms of its Param types.
struct GenericDefs {
  std::vector<TyId> params;
  std::vector<Predicate> predicates;
};

struct ImplHeader {
  ImplRef ref;
  ItemLoc loc;
  TypeContext ctx;      // the impl's generics in scope, Self = its self type
  GenericDefs generics;
  TyId self_ty = kUnknownTy;
  TraitBound trait;     // trait.trait is None for an inherent impl
  bool negative = false;
  bool unresolved_trait = false;  // `impl Tr for T` whose trait is not known: its items count as T's
  bool valid = false;
};

// A fn's signature in terms of its own and its parent's (impl's or trait's) Params.
struct FnSig {
  ItemLoc loc;
  CrateId krate = base::kNoCrate;
  TypeContext ctx;        // parent's and own generics in scope
  GenericDefs parent;     // the impl's or trait's generics (trait: Self first)
  GenericDefs own;
  std::vector<TyId> params;   // self excluded
  TyId ret = kUnknownTy;
  index::SelfKind self_kind = index::SelfKind::None;
  TyId self_param = kUnknownTy;  // the receiver's type (`&Self`, `Box<Self>`…); unknown without self
  bool is_async = false;
  bool valid = false;
};

struct AdtInfo {
  std::vector<TyId> params;
  std::vector<uint32_t> defaults;  // TypeRefs (index::kNone: none) in ctx.tree
  TypeContext ctx;
  bool is_enum = false;
  bool valid = false;
};

// Language items: core's traits and types that type rules are written against.
struct LangItems {
  Def deref, deref_mut, index, index_mut;
  Def fn, fn_mut, fn_once;
  Def iterator, into_iterator, double_ended_iterator;
  Def future, into_future;
  Def try_trait;
  Def sized, copy, clone, drop;
  Def add, sub, mul, div, rem, bit_and, bit_or, bit_xor, shl, shr, neg, not_;
  Def option, result, poll;
  Def range, range_from, range_to, range_inclusive, range_to_inclusive, range_full;
  Def string, vec, box, pin, arguments;
  Def default_, debug, partial_eq, eq, partial_ord, ord, hash;
  // Marker traits the compiler implements for every type that needs them.
  std::vector<Def> compiler_markers;
};

class TyDb {
 public:
  TyDb(Database& db, TyArena& arena, CrateId krate, ModuleId module);

  Database& db;
  TyArena& arena;
  CrateId krate;
  ModuleId module;

  const LangItems& lang();
  // An item of a sysroot crate by path (`{"ops", "Deref"}` in core), or None.
  Def sysroot_item(std::string_view crate_name, std::initializer_list<std::string_view> path);

  // The crates the query can see: its own and everything it depends on.
  const std::vector<CrateId>& visible_crates() const { return closure_; }
  // Whether crate a is b or depends on it (within the visible crates).
  bool reaches(CrateId a, CrateId b);

  // Items.
  const index::ItemTree& tree_of(const ItemLoc& loc) { return db.item_tree(loc.file); }
  const index::Item& item(const ItemLoc& loc) { return db.item(loc); }
  std::optional<ItemLoc> loc_of(const Def& d);  // an Item def's location
  std::string_view name_of(const ItemLoc& loc);
  TypeContext context_at(const ItemLoc& loc, CrateId krate);

  const AdtInfo& adt(const Def& def);
  const ImplHeader& impl_header(const ImplRef& ref);
  // The signature of fn `loc` of crate `krate`, written in `impl` or in `trait` (neither
  // for a free fn).
  const FnSig& fn_sig(const ItemLoc& loc, CrateId krate, const ImplHeader* impl = nullptr, const Def& trait = Def{});
  // Where a trait's items are written: its generics with Self in scope.
  TypeContext trait_context(const Def& trait);
  // A trait's generics with `Self` first, and its supertraits as predicates on Self.
  const GenericDefs& trait_generics(const Def& trait);
  TyId trait_self(const Def& trait);
  // The trait's associated fn / const / type names (memoized): (name, file, item).
  struct AssocItem {
    std::string name;
    FileId file;
    uint32_t item;
    index::ItemKind kind;
  };
  const std::vector<AssocItem>& trait_items(const Def& trait);

  // The bounds declared on a trait's associated type (`type IntoIter: Iterator<…>`),
  // in terms of the trait's Self and parameters.
  std::vector<Predicate> assoc_type_bounds(const Def& trait, std::string_view name);
  // The trait among `trait` and its supertraits that declares associated type `name`.
  Def trait_declaring(const Def& trait, std::string_view name, int depth = 0);

  // Type aliases' bodies, lowered once per query in the alias's own context with its
  // parameters left as parameters: an alias used many times (or a chain of aliases each
  // naming the next twice) costs one lowering. A body being lowered reads kUnknownTy
  // (a cycle of aliases).
  struct AliasBody {
    TyId body = kUnknownTy;
  };
  std::unordered_map<uint64_t, AliasBody> alias_bodies;

  // Param owner keys.
  static uint64_t owner_key(const ItemLoc& loc) { return (static_cast<uint64_t>(loc.file) << 32) | loc.item; }

 private:
  void implicit_params(const TypeContext& ctx, uint32_t type_ref, std::vector<std::string>& out, int depth);

  std::optional<LangItems> lang_;
  std::vector<CrateId> closure_;
  std::vector<uint8_t> in_closure_;
  std::unordered_map<uint64_t, uint8_t> reaches_;  // (a << 32 | b) -> 0/1
  std::unordered_map<uint64_t, std::unique_ptr<AdtInfo>> adts_;
  std::unordered_map<uint64_t, std::unique_ptr<ImplHeader>> impls_;
  std::unordered_map<uint64_t, std::unique_ptr<FnSig>> fns_;
  struct TraitInfo {
    GenericDefs generics;
    TypeContext ctx;
  };
  const TraitInfo& trait_info(const Def& trait);
  std::unordered_map<uint64_t, std::unique_ptr<TraitInfo>> traits_;
  std::unordered_map<uint64_t, std::unique_ptr<std::vector<AssocItem>>> trait_items_;
  std::unordered_map<std::string, Def> sysroot_items_;
};

}  // namespace ferret::sema

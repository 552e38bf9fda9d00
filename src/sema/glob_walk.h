// Following glob imports: a module, then every module or enum its `use …::*` imports
// reach, transitively, in the order a lookup consults them. No depth limit: each
// (module, who must see its names) is visited once, so cycles end and a glob graph with
// exponentially many paths (each module globbing the next two) costs linear work.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "sema/def_map.h"

namespace ferret::sema {

class MapProvider;

// Everyone who must see a name found through globs: the code asking and each module
// whose glob the walk went through (rustc imports through a glob what the importing
// module can see, with the narrower of the two visibilities). Restricted visibilities
// are subtrees, so all of them reduce to one module — the viewers' deepest common
// ancestor — or, for viewers in different crates, to public names only.
struct Viewers {
  CrateId krate = base::kNoCrate;
  ModuleId module = kNoIndex;  // kNoIndex: only public names are visible to all
  bool operator==(const Viewers&) const = default;
};

Viewers add_viewer(MapProvider& maps, const Viewers& v, CrateId krate, ModuleId module);
bool visible_to(MapProvider& maps, const Visibility& vis, const Viewers& v);

// One place the walk reaches.
struct GlobStop {
  Def target;                  // the start, or a module or enum a glob names
  Viewers viewers;             // who must see a name found there
  uint32_t parent = kNoIndex;  // the stop whose glob led here (kNoIndex: the start)
  uint32_t glob = kNoIndex;    // that glob's index in the parent module's globs
};

// Depth first, globs in source order, a module before what its globs bring.
class GlobWalk {
 public:
  // The start is `start` (a module or an enum), seen from (from_krate, from_module).
  GlobWalk(MapProvider& maps, Def start, CrateId from_krate, ModuleId from_module);

  // The next stop (its index is stops().size() - 1), or nullptr when all are seen.
  const GlobStop* next();
  // Every stop returned so far, for following a stop's `parent` chain back.
  const std::vector<GlobStop>& stops() const { return stops_; }

 private:
  struct Frame {
    uint32_t stop;
    const std::vector<GlobImport>* globs;  // nullptr: an enum
    uint32_t next_glob = 0;
  };
  struct KeyHash {
    size_t operator()(const std::pair<Def, Viewers>& k) const;
  };

  bool valid(const Def& d);
  bool enter(const Def& d, const Viewers& v, uint32_t parent, uint32_t glob);

  MapProvider& maps_;
  Def start_;
  Viewers start_viewers_;
  bool started_ = false;
  std::vector<GlobStop> stops_;
  std::vector<Frame> stack_;
  std::unordered_set<std::pair<Def, Viewers>, KeyHash> seen_;  // used past a few stops
};

}  // namespace ferret::sema

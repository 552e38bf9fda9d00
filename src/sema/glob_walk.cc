// Walking glob imports once per (place, viewers), without a depth limit.
#include "sema/glob_walk.h"

#include "sema/scope_lookup.h"

namespace ferret::sema {

namespace {

constexpr size_t kLinearSeen = 16;  // stops checked by scanning before a hash set pays

// m and its ancestors, nearest first.
std::vector<ModuleId> ancestors(const DefMap& dm, ModuleId m) {
  std::vector<ModuleId> out;
  while (m != kNoIndex && m < dm.modules.size() && out.size() <= dm.modules.size()) {
    out.push_back(m);
    m = dm.modules[m].parent;
  }
  return out;
}

}  // namespace

Viewers add_viewer(MapProvider& maps, const Viewers& v, CrateId krate, ModuleId module) {
  if (v.module == kNoIndex) return v;
  if (krate != v.krate || module == kNoIndex) return Viewers{};
  if (module == v.module) return v;
  const DefMap& dm = maps.map(krate);
  std::vector<ModuleId> up = ancestors(dm, v.module);
  for (ModuleId m : ancestors(dm, module)) {
    for (ModuleId a : up) {
      if (a == m) return Viewers{krate, m};
    }
  }
  return Viewers{};
}

bool visible_to(MapProvider& maps, const Visibility& vis, const Viewers& v) {
  if (vis.is_public) return true;
  if (v.module == kNoIndex || vis.krate != v.krate) return false;
  return is_ancestor_module(maps.map(v.krate), vis.module, v.module);
}

size_t GlobWalk::KeyHash::operator()(const std::pair<Def, Viewers>& k) const {
  uint64_t h = static_cast<uint64_t>(k.first.kind);
  for (uint64_t x : {uint64_t{k.first.krate}, uint64_t{k.first.index}, uint64_t{k.second.krate},
                     uint64_t{k.second.module}}) {
    h = (h ^ x) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  return static_cast<size_t>(h);
}

GlobWalk::GlobWalk(MapProvider& maps, Def start, CrateId from_krate, ModuleId from_module)
    : maps_(maps),
      start_(start),
      start_viewers_(from_module == kNoIndex ? Viewers{} : Viewers{from_krate, from_module}) {}

bool GlobWalk::valid(const Def& d) {
  if (d.kind == DefKind::Module) return d.index < maps_.map(d.krate).modules.size();
  if (d.kind == DefKind::Item) return d.index < maps_.map(d.krate).items.size();
  return false;
}

// Records a stop unless (d, v) was seen; true when it is new.
bool GlobWalk::enter(const Def& d, const Viewers& v, uint32_t parent, uint32_t glob) {
  if (!valid(d)) return false;
  if (stops_.size() < kLinearSeen) {
    for (const GlobStop& s : stops_) {
      if (s.target == d && s.viewers == v) return false;
    }
  } else {
    if (seen_.empty()) {
      for (const GlobStop& s : stops_) seen_.emplace(s.target, s.viewers);
    }
    if (!seen_.emplace(d, v).second) return false;
  }
  stops_.push_back(GlobStop{d, v, parent, glob});
  Frame f{static_cast<uint32_t>(stops_.size() - 1), nullptr};
  if (d.kind == DefKind::Module) f.globs = &maps_.map(d.krate).module(d.index).globs;
  stack_.push_back(f);
  return true;
}

const GlobStop* GlobWalk::next() {
  if (!started_) {
    started_ = true;
    return enter(start_, start_viewers_, kNoIndex, kNoIndex) ? &stops_.back() : nullptr;
  }
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    if (f.globs == nullptr || f.next_glob >= f.globs->size()) {
      stack_.pop_back();
      continue;
    }
    uint32_t gi = f.next_glob++;
    const GlobImport g = (*f.globs)[gi];
    const GlobStop from = stops_[f.stop];
    // Names come through the glob only if it is visible where they are asked for, and
    // only those its own module can see.
    if (!visible_to(maps_, g.vis, from.viewers)) continue;
    Viewers v = add_viewer(maps_, from.viewers, from.target.krate, from.target.index);
    if (enter(g.source, v, f.stop, gi)) return &stops_.back();
  }
  return nullptr;
}

}  // namespace ferret::sema

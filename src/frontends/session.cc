// Session: workspace loading through the project layer and the real host.
#include "frontends/session.h"

#include <cstdio>
#include <filesystem>

#include "frontends/background_flush.h"
#include "frontends/disk_cache_store.h"
#include "frontends/real_host.h"
#include "frontends/project_cache.h"
#include "frontends/timing.h"
#include "index/content_hash.h"
#include "project/workspace_loader.h"

namespace ferret::frontends {

namespace fs = std::filesystem;

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(path), ec);
  if (ec) return sema::normalize_path(path);
  fs::path canonical = fs::weakly_canonical(p, ec);
  return sema::normalize_path(ec ? p.string() : canonical.string());
}

namespace {

// The running binary's size and modification time: cache entries are salted with it,
// so a rebuilt or upgraded ferret never reads what another build wrote.
uint64_t build_salt() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return 0;
  uint64_t size = fs::file_size(exe, ec);
  auto mtime = fs::last_write_time(exe, ec).time_since_epoch().count();
  return index::combine_hash(size, static_cast<uint64_t>(mtime));
}

}  // namespace

Session::Session(SessionWorld world)
    : overlay_(std::make_shared<base::OverlayFileSystem>(
          world.files ? world.files : std::make_shared<RealFileSystem>())),
      host_(world.host ? world.host(overlay_) : std::make_shared<RealHost>(overlay_)),
      deferred_(std::make_shared<index::DeferredCacheStore>(
          world.cache ? world.cache : DiskCacheStore::from_environment())),
      cache_(std::make_shared<index::SaltedCacheStore>(deferred_, build_salt())) {}

void Session::flush_cache() { deferred_->flush(); }

void Session::flush_cache_detached() {
  if (deferred_->pending() == 0) return;
  run_detached([this] { deferred_->flush(); });
}

Workspace& Session::workspace_for(const std::string& abs_path) {
  std::string dir = sema::parent_dir(abs_path);
  auto known = workspace_of_dir_.find(dir);
  if (known != workspace_of_dir_.end()) {
    Workspace& ws = *workspaces_[known->second];
    if (!project::crates_for_file(ws.db->graph(), abs_path).empty() ||
        !overlay_->is_file(abs_path)) {
      ws.last_use = ++uses_;
      return ws;
    }
  }
  auto own = workspaces_.find(abs_path);  // a file in no package is a workspace of its own
  if (own != workspaces_.end()) {
    own->second->last_use = ++uses_;
    return *own->second;
  }
  project::ProjectLoad load = load_project_cached(*host_, cache_.get(), abs_path);
  bool own_crate = project::has_lone_crate_of(load.graph, abs_path);
  std::string key = own_crate || load.manifest_path.empty() ? abs_path : load.manifest_path;
  auto it = workspaces_.find(key);
  if (it == workspaces_.end()) {
    if (own_crate) make_room_for_lone_workspace();
    auto ws = std::make_unique<Workspace>();
    ws->manifest_path = load.manifest_path;
    ws->warnings = load.graph.warnings;
    if (own_crate) ws->lone_file = abs_path;
    ws->db = std::make_unique<sema::Database>(overlay_, std::move(load.graph), cache_);
    ws->db->set_cache_unsaved(cache_unsaved_);
    it = workspaces_.emplace(key, std::move(ws)).first;
  }
  if (!own_crate) workspace_of_dir_[dir] = key;
  it->second->last_use = ++uses_;
  return *it->second;
}

void Session::make_room_for_lone_workspace() {
  for (;;) {
    std::string oldest;
    uint64_t oldest_use = UINT64_MAX;
    size_t lone = 0;
    for (const auto& [key, ws] : workspaces_) {
      if (ws->lone_file.empty()) continue;
      ++lone;
      if (ws->last_use < oldest_use) {
        oldest_use = ws->last_use;
        oldest = key;
      }
    }
    if (lone < kMaxLoneWorkspaces) return;
    drop_workspace(oldest);
  }
}

void Session::drop_workspace(const std::string& key) {
  std::erase_if(workspace_of_dir_, [&](const auto& entry) { return entry.second == key; });
  workspaces_.erase(key);
}

std::vector<Workspace*> Session::workspaces() {
  std::vector<Workspace*> out;
  for (auto& [key, ws] : workspaces_) out.push_back(ws.get());
  return out;
}

std::vector<sema::CrateId> Session::candidate_crates(Workspace& ws, const std::string& abs_path) const {
  return project::crates_for_file(ws.db->graph(), abs_path);
}

bool Session::set_buffer(const std::string& abs_path, std::string text) {
  return set_buffer(abs_path, std::make_shared<const std::string>(std::move(text)));
}

bool Session::set_buffer(const std::string& abs_path, base::FileText text) {
  bool fits = !text || text->size() <= base::kMaxSourceBytes;
  overlay_->set_overlay(abs_path, fits ? std::move(text) : std::make_shared<const std::string>());
  for (auto& [key, ws] : workspaces_) ws->db->refresh_file(abs_path);
  return fits;
}

void Session::set_cache_unsaved_buffers(bool on) {
  cache_unsaved_ = on;
  for (auto& [key, ws] : workspaces_) ws->db->set_cache_unsaved(on);
}

void Session::clear_buffer(const std::string& abs_path) {
  if (!overlay_->has_overlay(abs_path)) return;
  overlay_->remove_overlay(abs_path);
  auto own = workspaces_.find(abs_path);
  if (own != workspaces_.end() && own->second->lone_file == abs_path) drop_workspace(abs_path);
  for (auto& [key, ws] : workspaces_) {
    ws->db->forget_file(abs_path);   // drops what only the buffer needed
    ws->db->refresh_file(abs_path);  // what a crate still reads is read from the disk
  }
}

void Session::clear_buffers_except(const std::string& keep) {
  for (const std::string& path : overlay_->overlay_paths()) {
    if (path != keep) clear_buffer(path);
  }
}

std::unique_ptr<ide::Query> Session::query(const std::string& abs_path, uint32_t offset) {
  Workspace* ws;
  {
    PhaseTimer t("load project");
    ws = &workspace_for(abs_path);
  }
  report_warnings(*ws);
  std::vector<sema::CrateId> candidates = candidate_crates(*ws, abs_path);
  PhaseTimer t("prepare query");
  return ide::prepare_query(*ws->db, abs_path, offset, candidates);
}

void Session::report_warnings(const Workspace& ws) {
  for (const std::string& w : ws.warnings) {
    bool seen = false;
    for (const std::string& r : reported_) seen |= r == w;
    if (seen) continue;
    reported_.push_back(w);
    std::fprintf(stderr, "%s\n", w.c_str());
  }
}

}  // namespace ferret::frontends

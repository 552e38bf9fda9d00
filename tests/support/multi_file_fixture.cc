// Parsing of multi-file fixtures and building their file system and crate graph.
#include "support/multi_file_fixture.h"

#include <sstream>

#include "frontends/real_host.h"
#include "ide/completion.h"
#include "ide/goto_definition.h"
#include "ide/query.h"
#include "project/sysroot.h"
#include "support/fixture.h"

namespace ferret::testing {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

Fixture parse_fixture(const std::string& text) {
  Fixture f;
  std::vector<std::pair<std::string, std::string>> files;
  std::istringstream in(text);
  std::string line;
  bool any_header = false;
  std::string current_path;
  std::string current_text;
  auto flush = [&] {
    if (!current_path.empty()) files.emplace_back(current_path, current_text);
    current_text.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("//- ", 0) == 0) {
      flush();
      any_header = true;
      std::vector<std::string> parts = split(line.substr(4), ' ');
      if (parts.empty()) continue;
      current_path = parts[0];
      FixtureCrate crate;
      bool is_crate = false;
      for (size_t i = 1; i < parts.size(); ++i) {
        const std::string& p = parts[i];
        if (p.rfind("crate:", 0) == 0) {
          is_crate = true;
          crate.name = p.substr(6);
        } else if (p.rfind("deps:", 0) == 0) {
          crate.deps = split(p.substr(5), ',');
        } else if (p.rfind("edition:", 0) == 0) {
          crate.edition = std::stoi(p.substr(8));
        } else if (p.rfind("cfg:", 0) == 0) {
          crate.cfg = split(p.substr(4), ',');
        } else if (p == "std") {
          f.real_std = true;
        } else if (p == "minicore") {
          f.minicore = true;
        } else if (p == "unreadable") {
          f.unreadable.push_back(current_path);
        }
      }
      if (is_crate) {
        crate.root = current_path;
        f.crates.push_back(crate);
      }
      continue;
    }
    current_text += line + "\n";
  }
  if (!any_header) {
    current_path = "/main.rs";
    f.crates.push_back(FixtureCrate{"main", "/main.rs", {}, 2021, {}});
  }
  flush();
  for (auto& [path, t] : files) {
    size_t c = t.find("$0");
    if (c != std::string::npos) {
      f.cursor_file = path;
      f.cursor_offset = static_cast<uint32_t>(c);
      f.has_cursor = true;
      t.erase(c, 2);
    }
    f.files.emplace_back(path, t);
  }
  return f;
}

FixtureWorld build_world(const Fixture& f, const std::string& root) {
  FixtureWorld w;
  w.root = root;
  std::shared_ptr<base::OverlayFileSystem> overlay;
  std::shared_ptr<base::MemoryFileSystem> memory;
  if (f.real_std) {
    overlay = std::make_shared<base::OverlayFileSystem>(std::make_shared<frontends::RealFileSystem>());
    for (const auto& [path, text] : f.files) overlay->set_overlay(root + path, text);
    w.fs = overlay;
  } else {
    memory = std::make_shared<base::MemoryFileSystem>();
    for (const auto& [path, text] : f.files) memory->add_file(root + path, text);
    for (const std::string& p : f.unreadable) memory->add_unreadable(root + p);
    w.fs = memory;
  }
  std::vector<std::pair<std::string, base::CrateId>> implicit;  // core/std every crate gets
  if (f.real_std) {
    w.std_root = std_library_root();
    if (!w.std_root.empty()) {
      project::SysrootCrates s = project::add_sysroot_crates(*w.fs, w.std_root, w.graph);
      if (s.core != base::kNoCrate) implicit.emplace_back("core", s.core);
      if (s.std != base::kNoCrate) implicit.emplace_back("std", s.std);
      if (s.alloc != base::kNoCrate) implicit.emplace_back("alloc", s.alloc);
    }
  } else if (f.minicore) {
    // The minicore stands in for the sysroot: crates core, alloc and std with the
    // sysroot's origin and dependencies (std reaches alloc only by `extern crate`).
    static const char* const kCrates[] = {"core", "alloc", "std"};
    std::vector<base::CrateId> mini;
    for (const char* name : kCrates) {
      std::string path = root + "/minicore/" + name + ".rs";
      memory->add_file(path, read_file(fixtures_root() + "/minicore/" + name + ".rs"));
      base::CrateData d;
      d.name = name;
      d.package_name = name;
      d.root_file = path;
      d.edition = 2021;
      d.origin = base::CrateOrigin::Sysroot;
      d.cfg = base::CfgOptions::host_target();
      for (base::CrateId dep : mini) {
        const std::string& dep_name = w.graph[dep].name;
        d.deps.push_back(base::CrateDependency{dep_name, dep, dep_name != "alloc"});
      }
      mini.push_back(w.graph.add(std::move(d)));
      implicit.emplace_back(name, mini.back());
    }
  }
  std::vector<base::CrateId> ids;
  for (const FixtureCrate& c : f.crates) {
    base::CrateData d;
    d.name = c.name;
    d.package_name = c.name;
    d.root_file = root + c.root;
    d.edition = c.edition;
    d.origin = base::CrateOrigin::Workspace;
    d.cfg = base::CfgOptions::host_target();
    for (const std::string& x : c.cfg) {
      size_t eq = x.find('=');
      if (eq == std::string::npos) {
        d.cfg.insert_atom(x);
      } else {
        d.cfg.insert_key_value(x.substr(0, eq), x.substr(eq + 1));
      }
    }
    ids.push_back(w.graph.add(std::move(d)));
  }
  // A fixture crate named core or std (a minicore) is every other crate's, as the
  // real ones would be.
  for (size_t i = 0; i < f.crates.size(); ++i) {
    if (f.crates[i].name == "core" || f.crates[i].name == "std") implicit.emplace_back(f.crates[i].name, ids[i]);
  }
  for (size_t i = 0; i < f.crates.size(); ++i) {
    base::CrateData& d = w.graph[ids[i]];
    for (const std::string& dep : f.crates[i].deps) {
      for (size_t j = 0; j < f.crates.size(); ++j) {
        if (f.crates[j].name == dep) d.deps.push_back(base::CrateDependency{dep, ids[j], true});
      }
    }
    for (const auto& [name, id] : implicit) {
      if (id == ids[i]) continue;
      bool has = false;
      for (const base::CrateDependency& x : d.deps) has |= x.name == name;
      if (!has) d.deps.push_back(base::CrateDependency{name, id, name != "alloc"});
    }
  }
  return w;
}

std::string show_path(const std::string& path, const FixtureWorld& w) {
  if (path.rfind(w.root, 0) == 0) return path.substr(w.root.size());
  if (!w.std_root.empty() && path.rfind(w.std_root, 0) == 0) return "<std>" + path.substr(w.std_root.size());
  return path;
}

std::string show_match(const ide::Match& m, const FixtureWorld& w) {
  return "  " + m.name + " " + std::string(ide::match_kind_name(m.kind)) + " " +
         show_path(m.path, w) + ":" + std::to_string(m.line) + ":" + std::to_string(m.col) + " `" +
         m.context + "`" + (m.import.empty() ? "" : " (use " + m.import + ")") + "\n";
}

std::string show_completion_and_definition(sema::Database& db, const std::string& path, uint32_t offset,
                                           const std::vector<sema::CrateId>& candidates, const FixtureWorld& w,
                                           size_t max_matches) {
  std::unique_ptr<ide::Query> q = ide::prepare_query(db, path, offset, candidates);
  if (!q) return "no query (file unreadable)\n";
  ide::CompletionResult r = ide::complete(*q);
  std::string out = "complete `" + r.context.prefix + "`:\n";
  size_t shown = 0;
  for (const ide::Match& m : r.matches) {
    if (shown++ == max_matches) {
      out += "  … " + std::to_string(r.matches.size() - max_matches) + " more\n";
      break;
    }
    out += show_match(m, w);
  }
  std::unique_ptr<ide::Query> q2 = ide::prepare_query(db, path, offset, candidates);
  std::optional<ide::Match> def = ide::find_definition(*q2);
  out += "definition:\n";
  out += def ? show_match(*def, w) : "  none\n";
  return out;
}

}  // namespace ferret::testing

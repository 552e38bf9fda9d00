// Cargo's target discovery over the file system (see package_targets.h).
#include "project/package_targets.h"

#include <set>

#include "project/paths.h"

namespace ferret::project {
namespace {

struct Kind {
  base::TargetKind kind;
  const char* folder;  // auto-discovery folder, relative to the package
};

bool ends_with(const std::string& s, const char* suffix) {
  std::string_view x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

// Where an explicit target without `path` lives: FOLDER/NAME.rs or FOLDER/NAME/main.rs.
std::string default_path(const std::string& dir, const char* folder, const std::string& name,
                         const base::FileSystem& fs) {
  std::string flat = join_path(dir, std::string(folder) + "/" + name + ".rs");
  if (fs.is_file(flat)) return flat;
  std::string nested = join_path(dir, std::string(folder) + "/" + name + "/main.rs");
  if (fs.is_file(nested)) return nested;
  return flat;
}

class Collector {
 public:
  Collector(const std::string& dir, int edition, const base::FileSystem& fs)
      : dir_(dir), edition_(edition), fs_(fs) {}

  void add(const std::string& name, const std::string& root, base::TargetKind kind,
           std::optional<int> edition, bool proc_macro) {
    if (name.empty() || !fs_.is_file(root)) return;
    if (!roots_.insert(root).second) return;
    if (!names_.insert({static_cast<int>(kind), name}).second) return;
    out_.push_back({crate_name_of(name), root, kind, edition.value_or(edition_), proc_macro});
  }

  void explicit_targets(const std::vector<ManifestTarget>& targets, const Kind& kind,
                        const std::string& package_name) {
    for (const ManifestTarget& t : targets) {
      std::string root;
      if (t.path) {
        root = join_path(dir_, *t.path);
      } else if (kind.kind == base::TargetKind::Bin && t.name == package_name &&
                 fs_.is_file(join_path(dir_, "src/main.rs"))) {
        root = join_path(dir_, "src/main.rs");
      } else {
        root = default_path(dir_, kind.folder, t.name, fs_);
      }
      std::string name = t.name.empty() ? file_stem(root) : t.name;
      add(name, root, kind.kind, t.edition, false);
    }
  }

  void discover(const Kind& kind) {
    std::string folder = join_path(dir_, kind.folder);
    for (const std::string& entry : fs_.list_dir(folder)) {
      std::string path = folder + "/" + entry;
      if (ends_with(entry, ".rs") && fs_.is_file(path)) {
        add(file_stem(entry), path, kind.kind, std::nullopt, false);
      } else if (fs_.is_file(path + "/main.rs")) {
        add(entry, path + "/main.rs", kind.kind, std::nullopt, false);
      }
    }
  }

  std::vector<PackageTarget> take() { return std::move(out_); }

 private:
  const std::string& dir_;
  int edition_;
  const base::FileSystem& fs_;
  std::set<std::string> roots_;
  std::set<std::pair<int, std::string>> names_;
  std::vector<PackageTarget> out_;
};

}  // namespace

std::vector<PackageTarget> package_targets(const Manifest& m, const std::string& dir,
                                           int package_edition, bool lib_only,
                                           const base::FileSystem& fs) {
  Collector c(dir, package_edition, fs);
  std::string lib_path = join_path(dir, m.lib && m.lib->path ? *m.lib->path : "src/lib.rs");
  std::string lib_name = m.lib && !m.lib->name.empty() ? m.lib->name : m.name;
  c.add(lib_name, lib_path, base::TargetKind::Lib, m.lib ? m.lib->edition : std::nullopt,
        m.lib && m.lib->proc_macro);
  if (lib_only) return c.take();

  const Kind bin{base::TargetKind::Bin, "src/bin"};
  const Kind example{base::TargetKind::Example, "examples"};
  const Kind test{base::TargetKind::Test, "tests"};
  const Kind bench{base::TargetKind::Bench, "benches"};
  c.explicit_targets(m.bins, bin, m.name);
  c.explicit_targets(m.examples, example, m.name);
  c.explicit_targets(m.tests, test, m.name);
  c.explicit_targets(m.benches, bench, m.name);
  if (m.autobins) {
    c.add(m.name, join_path(dir, "src/main.rs"), base::TargetKind::Bin, std::nullopt, false);
    c.discover(bin);
  }
  if (m.autoexamples) c.discover(example);
  if (m.autotests) c.discover(test);
  if (m.autobenches) c.discover(bench);
  return c.take();
}

}  // namespace ferret::project

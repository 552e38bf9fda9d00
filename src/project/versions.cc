// Version ordering and requirement matching (see versions.h).
#include "project/versions.h"

#include <array>
#include <cctype>
#include <cstdint>

namespace ferret::project {
namespace {

struct Version {
  bool valid = false;
  std::array<uint64_t, 3> parts{};
  int given = 0;  // how many components were written
  bool pre = false;
};

Version parse(std::string_view s) {
  Version v;
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  for (int k = 0; k < 3; ++k) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) break;
    uint64_t n = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (n < UINT64_MAX / 10) n = n * 10 + static_cast<uint64_t>(s[i] - '0');
      ++i;
    }
    v.parts[k] = n;
    v.given = k + 1;
    if (i < s.size() && s[i] == '.') {
      ++i;
    } else {
      break;
    }
  }
  v.valid = v.given > 0;
  v.pre = i < s.size() && s[i] == '-';
  return v;
}

int compare(const Version& a, const Version& b) {
  if (a.valid != b.valid) return a.valid ? 1 : -1;
  for (int k = 0; k < 3; ++k) {
    if (a.parts[k] != b.parts[k]) return a.parts[k] < b.parts[k] ? -1 : 1;
  }
  if (a.pre != b.pre) return a.pre ? -1 : 1;
  return 0;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  return compare(parse(a), parse(b));
}

bool version_matches(std::string_view version, std::string_view req) {
  while (!req.empty() && req.front() == ' ') req.remove_prefix(1);
  size_t comma = req.find(',');
  if (comma != std::string_view::npos) req = req.substr(0, comma);
  Version v = parse(version);
  if (!v.valid) return false;
  if (req.empty() || req == "*") return true;
  char op = '^';
  if (req.substr(0, 2) == ">=") {
    op = 'g';
    req.remove_prefix(2);
  } else if (req.front() == '^' || req.front() == '~' || req.front() == '=') {
    op = req.front();
    req.remove_prefix(1);
  } else if (!std::isdigit(static_cast<unsigned char>(req.front()))) {
    return true;
  }
  Version r = parse(req);
  if (!r.valid) return true;
  if (op == 'g') return compare(v, r) >= 0;
  if (op == '=') {
    for (int k = 0; k < r.given; ++k) {
      if (v.parts[k] != r.parts[k]) return false;
    }
    return true;
  }
  if (compare(v, r) < 0) return false;
  if (op == '~') {
    int fixed = r.given >= 2 ? 2 : 1;
    for (int k = 0; k < fixed; ++k) {
      if (v.parts[k] != r.parts[k]) return false;
    }
    return true;
  }
  // Caret: the leftmost non-zero written component must stay the same.
  for (int k = 0; k < r.given; ++k) {
    if (v.parts[k] != r.parts[k]) return false;
    if (r.parts[k] != 0) return true;
  }
  return true;
}

}  // namespace ferret::project

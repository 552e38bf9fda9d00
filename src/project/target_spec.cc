// Evaluation of Cargo platform keys against a cfg set (see target_spec.h).
#include "project/target_spec.h"

#include <cctype>

namespace ferret::project {
namespace {

// A recursive-descent reader of one cfg predicate; depth-limited.
class CfgReader {
 public:
  CfgReader(std::string_view text, const base::CfgOptions& cfg) : s_(text), cfg_(cfg) {}

  std::optional<bool> predicate(int depth = 0) {
    if (depth > 64) return std::nullopt;
    std::string name = ident();
    if (name.empty()) return std::nullopt;
    skip_space();
    if (name == "all" || name == "any" || name == "not") {
      if (!eat('(')) return std::nullopt;
      bool all = true, any = false;
      int count = 0;
      skip_space();
      while (!eat(')')) {
        if (count > 0 && !eat(',')) return std::nullopt;
        skip_space();
        if (eat(')')) break;  // trailing comma
        std::optional<bool> v = predicate(depth + 1);
        if (!v) return std::nullopt;
        all = all && *v;
        any = any || *v;
        ++count;
        skip_space();
      }
      if (name == "all") return all;
      if (name == "any") return any;
      if (count != 1) return std::nullopt;
      return !all;
    }
    if (eat('=')) {
      skip_space();
      std::optional<std::string> value = string();
      if (!value) return std::nullopt;
      return cfg_.has_key_value(name, *value);
    }
    return cfg_.has_atom(name);
  }

  bool at_end() {
    skip_space();
    return pos_ == s_.size();
  }
  bool eat(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string ident() {
    skip_space();
    size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(s_.substr(start, pos_ - start));
  }

 private:
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  std::optional<std::string> string() {
    if (pos_ >= s_.size() || s_[pos_] != '"') return std::nullopt;
    size_t end = s_.find('"', pos_ + 1);
    if (end == std::string_view::npos) return std::nullopt;
    std::string out(s_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return out;
  }

  std::string_view s_;
  size_t pos_ = 0;
  const base::CfgOptions& cfg_;
};

std::string value_of(const base::CfgOptions& cfg, const std::string& key, const char* fallback) {
  for (const auto& [k, v] : cfg.pairs()) {
    if (k == key) return v;
  }
  return fallback;
}

}  // namespace

std::string target_triple_of(const base::CfgOptions& cfg) {
  std::string triple = value_of(cfg, "target_arch", "x86_64") + "-" +
                       value_of(cfg, "target_vendor", "unknown") + "-" +
                       value_of(cfg, "target_os", "linux");
  std::string env = value_of(cfg, "target_env", "");
  if (!env.empty()) triple += "-" + env;
  return triple;
}

std::optional<bool> target_spec_matches(std::string_view spec, const base::CfgOptions& cfg) {
  while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.front())))
    spec.remove_prefix(1);
  while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.back())))
    spec.remove_suffix(1);
  if (spec.empty()) return true;
  if (spec.substr(0, 4) != "cfg(") return spec == target_triple_of(cfg);
  CfgReader reader(spec.substr(4), cfg);
  std::optional<bool> value = reader.predicate();
  if (!value || !reader.eat(')') || !reader.at_end()) return std::nullopt;
  return value;
}

}  // namespace ferret::project

// What one macro call written in source may spend on its expansion, counting every
// macro its expansion calls in turn: tokens produced (each expansion also pays a fixed
// amount for the tree it becomes), matcher steps, and nesting depth. Deterministic work
// counts, never time, so a call is cut at the same place on every machine. A call that
// overdraws is cut alone (left unexpanded); the code around it keeps its meaning, and
// an exponential or ever-growing macro costs a bounded amount of time and memory.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

#include "sema/macro_rules.h"

namespace ferret::sema {

struct ExpansionBudget {
  static constexpr size_t kTokens = size_t{1} << 18;      // over a call's whole expansion tree
  static constexpr size_t kItemTokens = size_t{1} << 18;  // the same for a call outside bodies
  static constexpr size_t kSteps = 4'000'000;             // matcher steps, likewise
  static constexpr size_t kPerExpansion = 64;  // tokens each expansion costs besides its output
  static constexpr int kMaxDepth = 128;        // nested expansions: rustc's default recursion_limit

  size_t tokens = kTokens;
  size_t steps = kSteps;
  bool cut = false;
  std::string why;  // set when cut

  // What the next expansion may use: what is left.
  ExpandLimits limits() const {
    ExpandLimits l;
    l.max_steps = steps;
    l.max_output_tokens = tokens > kPerExpansion ? tokens - kPerExpansion : 0;
    return l;
  }

  // Pays for one expansion attempt (`output_tokens` made, `used_steps` spent; it failed
  // on a limit when `over_limit`, saying `error`); false (and cut) when the budget ran
  // out.
  bool charge(size_t output_tokens, size_t used_steps, bool over_limit, const std::string& error) {
    steps -= std::min(steps, used_steps);
    size_t cost = kPerExpansion + output_tokens;
    if (over_limit || cost > tokens) {
      tokens = 0;
      return cut_for(over_limit ? error : "expansion too large");
    }
    tokens -= cost;
    return true;
  }
  bool charge(const ExpandResult& r) {
    return charge(r.ok ? r.output.size() : 0, r.steps, r.over_limit, r.error);
  }

  // Marks the budget spent, for `reason`; returns false.
  bool cut_for(const std::string& reason) {
    if (!cut) why = reason;
    cut = true;
    return false;
  }
};

}  // namespace ferret::sema

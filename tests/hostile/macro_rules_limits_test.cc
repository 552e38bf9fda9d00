// The macro_rules! expander's limits on hostile definitions and calls: matching that
// would backtrack quadratically stops at its step budget, transcription at its token
// budget, each reported as a limit (not as "no rule matches"); an expansion budget
// shared by a call's whole expansion tree is cut once overdrawn.
#include <gtest/gtest.h>

#include <string>

#include "sema/expansion_budget.h"
#include "sema/macro_rules.h"

namespace ferret::sema {
namespace {

TokenStream lex(const std::string& text) {
  return lex_token_stream(text, syntax::Edition::E2021, [](uint32_t off) {
    return TokenOrigin{kNoIndex, off};
  });
}

std::string repeated(const std::string& unit, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += unit;
  return s;
}

TEST(HostileMacroRules, BacktrackingOverALongRepetitionStopsAtTheStepBudget) {
  // `$($x:tt)*` takes all 200,000 tokens, then gives them back one by one looking for
  // the `;` that never comes: quadratic work without a budget that counts it.
  MacroRulesDef def = parse_macro_rules(lex("{ ($($x:tt)* ;) => { }; }"));
  ASSERT_EQ(def.rules.size(), 1u);
  ExpandLimits limits;
  limits.max_steps = 1'000'000;
  ExpandResult r = expand_macro_rules(def, lex("(" + repeated("a ", 200000) + ")"),
                                      syntax::Edition::E2021, limits);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.over_limit) << r.error;
  EXPECT_LE(r.steps, limits.max_steps);
}

TEST(HostileMacroRules, TranscriptionStopsAtTheTokenBudget) {
  MacroRulesDef def = parse_macro_rules(lex("{ ($($t:tt)*) => { $($t)* $($t)* $($t)* $($t)* }; }"));
  ExpandLimits limits;
  limits.max_output_tokens = 1000;
  ExpandResult small =
      expand_macro_rules(def, lex("(" + repeated("x ", 100) + ")"), syntax::Edition::E2021, limits);
  ASSERT_TRUE(small.ok) << small.error;
  EXPECT_EQ(small.output.size(), 400u);
  ExpandResult big =
      expand_macro_rules(def, lex("(" + repeated("x ", 300) + ")"), syntax::Edition::E2021, limits);
  EXPECT_FALSE(big.ok);
  EXPECT_TRUE(big.over_limit);
}

TEST(HostileMacroRules, NoMatchingRuleIsNotALimit) {
  MacroRulesDef def = parse_macro_rules(lex("{ (only this) => { }; }"));
  ExpandResult r = expand_macro_rules(def, lex("(something else)"), syntax::Edition::E2021);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.over_limit);
}

TEST(HostileMacroRules, ABudgetSharedByACallsExpansionsIsCutOnceOverdrawn) {
  // A doubling macro expanded level by level from one budget, as the def collector and
  // body inference do: it runs out after a bounded number of levels.
  MacroRulesDef def = parse_macro_rules(lex("{ ($($t:tt)*) => { d!($($t)* $($t)*) }; }"));
  ExpansionBudget budget;
  TokenStream input = lex("(x)");
  int levels = 0;
  while (levels < 1000) {
    ExpandResult r = expand_macro_rules(def, input, syntax::Edition::E2021, budget.limits());
    if (!budget.charge(r)) break;
    ASSERT_TRUE(r.ok) << r.error;
    ++levels;
    // The next call's input: the parenthesized part of `d!(…)`.
    std::string text = r.output.text;
    input = lex(text.substr(text.find('(')));
  }
  EXPECT_TRUE(budget.cut);
  EXPECT_FALSE(budget.why.empty());
  EXPECT_LT(levels, 20);  // 2^levels tokens fit in ExpansionBudget::kTokens
  EXPECT_GT(levels, 10);
  // Once cut, nothing more fits.
  EXPECT_EQ(budget.limits().max_output_tokens, 0u);
}

}  // namespace
}  // namespace ferret::sema

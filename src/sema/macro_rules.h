// macro_rules! by example: a definition parsed into rules, and the expansion of one
// call — the call's tokens matched against each rule's matcher in turn (metavariables
// bound by fragment kind, repetitions with separators), the first matching rule's
// transcriber instantiated. Pure token work, bounded by explicit limits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sema/token_stream.h"
#include "syntax/token.h"

namespace ferret::sema {

struct MacroRulesDef {
  TokenStream stream;  // the definition's tokens
  struct Rule {
    uint32_t matcher_begin, matcher_end;  // inside the matcher's delimiters
    uint32_t body_begin, body_end;        // inside the transcriber's delimiters
  };
  std::vector<Rule> rules;
};

// `body`: the tokens of a `macro_rules! m { … }` body, delimiters included; or, for a
// `macro m(params) { body }` definition, `params` non-empty and `body` its body.
MacroRulesDef parse_macro_rules(TokenStream body, TokenStream params = {});

struct ExpandLimits {
  size_t max_steps = 2'000'000;         // matcher steps over all rules (backtracking
                                        // counts the bindings it rebuilds)
  size_t max_output_bytes = 16u << 20;  // transcribed text
  size_t max_output_tokens = SIZE_MAX;  // transcribed tokens
};

struct ExpandResult {
  bool ok = false;
  TokenStream output;  // the expansion (ok)
  std::string error;   // why not (no rule matched, a limit was hit, …)
  bool uses_dollar_crate = false;
  bool over_limit = false;  // failed on a limit, not for want of a matching rule
  size_t steps = 0;         // matcher steps spent
};

// Expands a call whose tokens (inside the call's delimiters) are `input`.
// `edition`: how fragments of the input parse.
ExpandResult expand_macro_rules(const MacroRulesDef& def, const TokenStream& input,
                                syntax::Edition edition, const ExpandLimits& limits = {});

}  // namespace ferret::sema

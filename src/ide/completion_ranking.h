// Completion ranking: what the code around the cursor says about the name being typed.
// Signals, each general and cheap: how often and how near the candidate's name is used
// in the file (in the same position: after `.`, after `::`, bare), what the text after
// the cursor shows (a call's `(` and its argument count, a `{`, anything else), whether
// the candidate's type fits the type expected at the cursor, and its relevance class
// (locals, fields, inherent, items, traits, speculative, preludes). Each match gets one
// score; docs/PROTOCOL.md "Order" says how it combines with the rest of the order.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ide/completion_context.h"
#include "ide/match.h"
#include "ide/query.h"

namespace ferret::ide {

struct RankingSignals {
  // Uses of each candidate name in the file, weighted by nearness to the cursor and by
  // whether they stand where the completion stands (after `.`, after `::`, bare).
  std::unordered_map<std::string_view, float> usage;
  bool type_position = false;  // completing a type
  bool type_path = false;      // after `Type::` (methods there are rarely called by path)
  std::string written;         // the whole identifier when the cursor is inside one
  bool call_follows = false;   // `(` right after the identifier being typed
  int args_following = -1;     // the number of arguments written in that call
  bool brace_follows = false;  // `{` right after it (a struct literal or pattern)
  bool path_follows = false;   // `::` right after it (a module, type or trait)
  bool other_follows = false;  // something else that is no call: `.x`, `;`, `)`…
};

// `usage` holds the names of `matches` (views of their strings: keep them unchanged
// until scored).
RankingSignals ranking_signals(const Query& q, const CompletionContext& c,
                               const std::vector<Match>& matches);

// Sets each match's score from the signals (the type fit is set by its producer).
void score_matches(std::vector<Match>& matches, const RankingSignals& signals);

}  // namespace ferret::ide

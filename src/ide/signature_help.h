// Signature help: the call whose argument list holds the cursor, its callee's
// signature (as find-definition's context shows it), the parameters' places in that
// signature and which one the cursor is in.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ide/match.h"
#include "ide/query.h"

namespace ferret::ide {

struct SignatureHelp {
  Match callee;  // its context (whitespace collapsed) is the label
  std::vector<std::pair<uint32_t, uint32_t>> params;  // byte ranges in callee.context
  uint32_t active = 0;  // the argument the cursor is in
};

// Nullopt when the cursor is in no call's arguments or the callee is not found.
std::optional<SignatureHelp> signature_help(Query& q);

// The parameters of a one-line signature (`fn f<T>(a: T, b: (u8, u8)) -> T`, a tuple
// variant `Some(T)`): byte ranges of each, a `self` parameter left out when asked.
std::vector<std::pair<uint32_t, uint32_t>> signature_params(std::string_view sig, bool skip_self);
// Whether a signature's first parameter is `self` (`&self`, `mut self`, `self: Box<Self>`…).
bool takes_self(std::string_view sig);

}  // namespace ferret::ide

// Non-ASCII identifier character classes: binary search over the generated XID tables.
#include "syntax/unicode_xid.h"

#include <algorithm>
#include <cstddef>

namespace ferret::syntax {
namespace {

struct XidRange {
  char32_t lo;
  char32_t hi;
};

#include "syntax/unicode_xid_tables.inc"

template <std::size_t N>
bool in_ranges(const XidRange (&table)[N], char32_t c) {
  // First range whose hi >= c; c is in it iff its lo <= c.
  const XidRange* it = std::lower_bound(table, table + N, c,
                                        [](const XidRange& r, char32_t v) { return r.hi < v; });
  return it != table + N && it->lo <= c;
}

}  // namespace

namespace detail {
bool is_xid_start_table(char32_t c) { return in_ranges(kXidStartRanges, c); }
bool is_xid_continue_table(char32_t c) { return in_ranges(kXidContinueRanges, c); }
}  // namespace detail

}  // namespace ferret::syntax

// Whether the tests run under AddressSanitizer, which makes code about ten times slower
// and frames about ten times larger: tests that sample or nest for an optimized build
// take a smaller sample (or a larger stack) there, and say so where they do.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define FERRET_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FERRET_SANITIZED 1
#endif
#endif

namespace ferret::testing {

#ifdef FERRET_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

}  // namespace ferret::testing

// Phase timings on stderr when FERRET_TIMING=1 (for finding where a query's time goes).
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace ferret::frontends {

class PhaseTimer {
 public:
  explicit PhaseTimer(const char* what) : what_(what), start_(std::chrono::steady_clock::now()), faults_(minor_faults()) {}
  ~PhaseTimer() {
    static const bool enabled = std::getenv("FERRET_TIMING") != nullptr;
    if (!enabled) return;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "ferret: %-24s %8.2f ms %6ld page faults\n", what_, ms, minor_faults() - faults_);
  }

 private:
  static long minor_faults() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
  }
  const char* what_;
  std::chrono::steady_clock::time_point start_;
  long faults_;
};

}  // namespace ferret::frontends

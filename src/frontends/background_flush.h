// Running the cache writes of a finished one-shot command without keeping the editor
// waiting: the work runs in a forked child whose standard streams point at /dev/null,
// so the answer's pipe closes as soon as the parent exits. The child is a session of
// its own (an editor killing the command's process group, or `timeout`, does not
// reach it), so it bounds itself: it runs the work once and exits, and an alarm ends
// it after `limit` whatever it is waiting on (a temp file it leaves is swept later,
// see stale_temp_sweep.h). FERRET_SYNC_CACHE=1 (or a failed fork) runs the work in
// place instead.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>

namespace ferret::frontends {

inline constexpr std::chrono::seconds kDetachedWriteLimit{30};

// The child's pid, or -1 when the work ran in place.
pid_t run_detached(const std::function<void()>& work,
                   std::chrono::seconds limit = kDetachedWriteLimit);

}  // namespace ferret::frontends

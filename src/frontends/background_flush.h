// Running the cache writes of a finished one-shot command without keeping the editor
// waiting: the work runs in a forked child whose standard streams point at /dev/null,
// so the answer's pipe closes as soon as the parent exits. FERRET_SYNC_CACHE=1 (or a
// failed fork) runs it in place instead.
#pragma once

#include <functional>

namespace ferret::frontends {

void run_detached(const std::function<void()>& work);

}  // namespace ferret::frontends

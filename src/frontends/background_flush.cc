// run_detached: fork, detach the child's streams, arm its alarm, run the work there.
#include "frontends/background_flush.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace ferret::frontends {

pid_t run_detached(const std::function<void()>& work, std::chrono::seconds limit) {
  const char* sync = std::getenv("FERRET_SYNC_CACHE");
  if (sync != nullptr && std::strcmp(sync, "1") == 0) {
    work();
    return -1;
  }
  pid_t pid = fork();
  if (pid < 0) {
    work();
    return -1;
  }
  if (pid > 0) return pid;
  // The child: no longer holds the caller's pipes or terminal.
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) close(null);
  }
  setsid();
  // The alarm ends it even when the caller ignored or blocked SIGALRM.
  signal(SIGALRM, SIG_DFL);
  sigset_t alarm_only;
  sigemptyset(&alarm_only);
  sigaddset(&alarm_only, SIGALRM);
  sigprocmask(SIG_UNBLOCK, &alarm_only, nullptr);
  alarm(static_cast<unsigned>(limit.count() > 0 ? limit.count() : 1));
  work();
  _exit(0);
}

}  // namespace ferret::frontends

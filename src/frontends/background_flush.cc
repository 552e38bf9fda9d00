// run_detached: fork, detach the child's streams, run the work there.
#include "frontends/background_flush.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace ferret::frontends {

void run_detached(const std::function<void()>& work) {
  const char* sync = std::getenv("FERRET_SYNC_CACHE");
  if (sync != nullptr && std::strcmp(sync, "1") == 0) {
    work();
    return;
  }
  pid_t pid = fork();
  if (pid < 0) {
    work();
    return;
  }
  if (pid > 0) return;
  // The child: no longer holds the caller's pipes or terminal.
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) close(null);
  }
  setsid();
  work();
  _exit(0);
}

}  // namespace ferret::frontends

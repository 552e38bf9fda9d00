/* A shared library that leaves a marker when loaded into a process: the trust tests
   point a project's cargo config at it (`[env] LD_PRELOAD`, `-Zcodegen-backend` in
   rustflags), the ways a config can load code into a trusted rustc. The marker goes
   into $FERRET_HOSTILE_MARKERS, which the same config sets through `[env]`. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void leave_marker(void) {
  const char* dir = getenv("FERRET_HOSTILE_MARKERS");
  if (dir == NULL) return;
  char path[4096];
  snprintf(path, sizeof path, "%s/library-loaded", dir);
  FILE* f = fopen(path, "a");
  if (f == NULL) return;
  fputs("loaded into a process\n", f);
  fclose(f);
}

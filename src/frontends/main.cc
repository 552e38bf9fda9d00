// Entry point of the `ferret` binary: tunes the allocator and signals, then hands argv
// to the command-line front end.
#include <malloc.h>
#include <signal.h>

#include "frontends/cli/cli.h"
#include "frontends/timing.h"

namespace {

// glibc returns freed memory above 128 KB to the kernel (and maps blocks above its
// moving mmap threshold afresh), so every parse of a large buffer page-faulted its
// token and node arrays in again: for a 200 KB file that was 4 of its 5 ms. Blocks up
// to 4 MB now come from the heap, and up to 8 MB of free heap top is kept for the next
// parse (more bought no speed in bench/lsp_bench, only resident memory). Only the
// executable does this; libferret leaves its host's allocator alone.
void tune_allocator() {
#ifdef M_MMAP_THRESHOLD
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  tune_allocator();
  // A file size limit (ulimit -f) makes a cache write fail (EFBIG: the cache stops
  // writing) instead of killing the process after its answer.
  signal(SIGXFSZ, SIG_IGN);
  ferret::frontends::PhaseTimer t("total");
  return ferret::cli::run(argc, argv);
}

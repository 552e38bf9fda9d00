// Runs one racer command in process on a thread with a chosen stack size, to find
// how deep each recursion of the engine goes: stack_probe STACK_KB COMMAND ARGS...
#include <pthread.h>
#include <sys/mman.h>

#include <cstring>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "frontends/cli/racer_commands.h"
#include "frontends/session.h"

namespace {
struct Job {
  std::vector<std::string> args;
  ferret::cli::CommandOutput out;
};
void* run(void* p) {
  Job& job = *static_cast<Job*>(p);
  ferret::frontends::Session session;
  job.out = ferret::cli::run_racer_command(session, job.args, ferret::cli::Interface::Text, false);
  return nullptr;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  size_t kb = std::strtoul(argv[1], nullptr, 10);
  Job job;
  for (int i = 2; i < argc; ++i) job.args.push_back(argv[i]);
  // The stack is ours, filled with a pattern: afterwards the lowest overwritten byte
  // tells the peak stack use.
  size_t size = kb * 1024;
  void* stack =
      mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) return 3;
  std::memset(stack, 0xA5, size);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstack(&attr, stack, size);
  pthread_t t;
  if (pthread_create(&t, &attr, run, &job) != 0) return 3;
  pthread_join(t, nullptr);
  const unsigned char* bytes = static_cast<const unsigned char*>(stack);
  size_t untouched = 0;
  while (untouched < size && bytes[untouched] == 0xA5) ++untouched;
  std::fprintf(stderr, "stack_probe: peak stack %zu KB of %zu KB\n", (size - untouched) / 1024, kb);
  std::fwrite(job.out.out.data(), 1, job.out.out.size(), stdout);
  std::fwrite(job.out.err.data(), 1, job.out.err.size(), stderr);
  return job.out.status;
}

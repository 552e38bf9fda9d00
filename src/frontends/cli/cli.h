// The command-line front end: racer's commands (docs/PROTOCOL.md) and ferret's own.
#pragma once

namespace ferret::cli {

// Runs one invocation of the `ferret` binary; returns the process exit status.
int run(int argc, char** argv);

}  // namespace ferret::cli

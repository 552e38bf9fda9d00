// racer's commands, byte for byte as docs/PROTOCOL.md says: complete (both forms),
// complete-with-snippet, find-definition, prefix, point, coord — plus ferret's
// explain. Shared by the one-shot command line and the daemon.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontends/session.h"

namespace ferret::cli {

enum class Interface { Text, TabText };

struct CommandOutput {
  std::string out;  // what goes to stdout
  std::string err;  // what goes to stderr
  int status = 0;   // 0, or 1 for a usage error
};

// args[0] is the command name. In daemon mode every answer ends with END.
CommandOutput run_racer_command(frontends::Session& session, const std::vector<std::string>& args,
                                Interface iface, bool daemon);

bool is_racer_command(const std::string& name);

// Reads a whole buffer from stdin up to EOF or an EOT byte (0x04). Past
// base::kMaxSourceBytes it gives nullopt: at once, or (for the daemon, whose next command
// follows the EOT) after reading and dropping the rest of that buffer.
std::optional<std::string> read_stdin_buffer(bool skip_rest_past_limit);

}  // namespace ferret::cli

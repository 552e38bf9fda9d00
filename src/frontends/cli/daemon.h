// `ferret daemon`: one command per line on stdin (split on whitespace, or on tabs with
// `-i tab-text`), each answered on stdout and closed by END; a blank line ends it. The
// session (projects, def maps) lives across commands.
#pragma once

#include "frontends/cli/racer_commands.h"

namespace ferret::cli {

int run_daemon(Interface iface);

}  // namespace ferret::cli

// The daemon loop over stdin.
#include "frontends/cli/daemon.h"

#include <cctype>
#include <cstdio>
#include <optional>
#include <string>

namespace ferret::cli {

namespace {

std::vector<std::string> split_command(const std::string& line, Interface iface) {
  std::vector<std::string> out;
  if (iface == Interface::TabText) {
    size_t pos = 0;
    for (;;) {
      size_t tab = line.find('\t', pos);
      std::string part = line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos);
      if (!part.empty()) out.push_back(part);
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    return out;
  }
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    size_t j = i;
    while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

// Command lines are short (a command, two numbers, two paths): a longer one is read to
// its end but not kept, so endless input without a newline cannot grow memory.
constexpr size_t kMaxCommandLineBytes = 64 * 1024;

// The next line of stdin without its newline, or nullopt at the end of input; `too_long`
// tells that it was cut.
std::optional<std::string> read_command_line(bool& too_long) {
  std::string line;
  too_long = false;
  int c;
  bool any = false;
  while ((c = getc_unlocked(stdin)) != EOF) {
    any = true;
    if (c == '\n') break;
    if (line.size() < kMaxCommandLineBytes) {
      line += static_cast<char>(c);
    } else {
      too_long = true;
    }
  }
  if (!any) return std::nullopt;
  return line;
}

}  // namespace

int run_daemon(Interface iface) {
  frontends::Session session;
  bool too_long = false;
  while (std::optional<std::string> read = read_command_line(too_long)) {
    std::string& line = *read;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    std::vector<std::string> args = split_command(line, iface);
    if (args.empty()) break;
    CommandOutput out;
    if (too_long) {
      out.err = "ferret: a command line longer than " + std::to_string(kMaxCommandLineBytes >> 10) +
                " KiB\n";
      out.status = 1;
    } else if (is_racer_command(args[0])) {
      out = run_racer_command(session, args, iface, true);
    } else {
      out.err = "ferret: unknown command: " + args[0] + "\n";
    }
    if (out.status != 0 || (out.out.size() < 4 || out.out.compare(out.out.size() - 4, 4, "END\n") != 0)) {
      out.out += "END\n";
    }
    std::fwrite(out.out.data(), 1, out.out.size(), stdout);
    std::fflush(stdout);
    if (!out.err.empty()) {
      std::fwrite(out.err.data(), 1, out.err.size(), stderr);
      std::fflush(stderr);
    }
    session.flush_cache();  // after the answer is out
  }
  session.flush_cache();
  return 0;
}

}  // namespace ferret::cli

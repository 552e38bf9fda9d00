// Command dispatch for the `ferret` binary with CLI11: global options, subcommands,
// `help [COMMAND]`, `--version`. Usage errors exit 1 with a message on stderr.
#include "frontends/cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "frontends/cli/parse_command.h"

namespace ferret::cli {

int run(int argc, char** argv) {
  CLI::App app{"ferret: code completion and find-definition for Rust (racer-compatible)"};
  app.set_version_flag("--version", std::string("ferret ") + FERRET_VERSION);
  app.require_subcommand(1);

  ParseCommandOptions parse_opts;
  CLI::App* parse = app.add_subcommand(
      "parse",
      "Parse files or trees (every *.rs below a folder); print the first syntax errors as "
      "FILE:LINE:COL: message (line 1-based, column 0-based bytes), then one summary line "
      "`parsed N files, B bytes, E syntax errors, R MB/s` (R: lexing and parsing time only)");
  parse->add_flag("--skeleton", parse_opts.skeleton,
                  "Skip function bodies by brace matching (the indexing mode)");
  parse->add_option("--edition", parse_opts.edition,
                    "Rust edition (default: the nearest Cargo.toml's, else 2021)")
      ->check(CLI::IsMember({2015, 2018, 2021, 2024}));
  parse->add_flag("--dump", parse_opts.dump, "Print each file's syntax tree");
  parse->add_option("--max-errors", parse_opts.max_errors, "Error lines to print (default 20)");
  parse->add_option("PATH", parse_opts.paths, "Files or folders")->required();

  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for ferret or one command");
  help->add_option("COMMAND", help_topic, "The command");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }

  if (help->parsed()) {
    if (help_topic.empty()) {
      std::fputs(app.help().c_str(), stdout);
      return 0;
    }
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      if (sub->get_name() == help_topic) {
        std::fputs(sub->help().c_str(), stdout);
        return 0;
      }
    }
    std::fprintf(stderr, "ferret: no such command: %s\n", help_topic.c_str());
    return 1;
  }
  if (parse->parsed()) return run_parse_command(parse_opts);
  return 1;
}

}  // namespace ferret::cli

// Command dispatch for the `ferret` binary with CLI11: global options, subcommands,
// `help [COMMAND]`, `--version`. Usage errors exit 1 with a message on stderr.
#include "frontends/cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/source_limit.h"
#include "frontends/cli/crates_command.h"
#include "frontends/cli/daemon.h"
#include "frontends/cli/index_command.h"
#include "frontends/cli/parse_command.h"
#include "frontends/cli/racer_commands.h"
#include "frontends/lsp/lsp_server.h"

namespace ferret::cli {

int run(int argc, char** argv) {
  CLI::App app{"ferret: code completion and find-definition for Rust (racer-compatible)"};
  app.set_version_flag("--version", std::string("ferret ") + FERRET_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Limits: a source text (FILE, SUBSTITUTE, stdin, a crate's files, an LSP document) is "
      "analyzed up to " +
      std::to_string(base::kMaxSourceBytes >> 20) +
      " MiB; a larger one reads as empty and ferret says so. Only regular files are read "
      "(a FIFO or device is refused, never waited on). A missing FILE gives an empty answer; "
      "an unusable SUBSTITUTE or stdin, or a missing DIR or PATH, exits 1.");
  std::string interface_name = "text";
  app.add_option("-i,--interface", interface_name, "Output format: text (default) or tab-text")
      ->check(CLI::IsMember({"text", "tab-text"}));

  // racer's commands take positional arguments whose meaning depends on their number
  // (`complete PATH::PREFIX` or `complete LINE COL FILE [SUBSTITUTE]`).
  struct RacerSub {
    const char* name;
    const char* help;
    CLI::App* app = nullptr;
    std::vector<std::string> args;
  };
  RacerSub racer_subs[] = {
      {"complete", "LINE COL FILE [SUBSTITUTE|-] or PATH::PREFIX: PREFIX, MATCH…, END"},
      {"complete-with-snippet", "Like complete, with 8-field MATCH lines (snippet and docs)"},
      {"find-definition", "LINE COL FILE [SUBSTITUTE|-]: at most one MATCH, then END"},
      {"prefix", "LINE COL FILE: the PREFIX line"},
      {"point", "LINE COL FILE: COORD, POINT (byte offset), END"},
      {"coord", "POINT FILE: POINT, COORD, END"},
      {"explain", "LINE COL FILE [SUBSTITUTE|-]: how the answer was found, step by step"},
      {"type", "LINE COL FILE [SUBSTITUTE|-]: the inferred type of the expression or binding at the cursor"},
  };
  for (RacerSub& r : racer_subs) {
    r.app = app.add_subcommand(r.name, r.help);
    r.app->add_option("ARGS", r.args, "Arguments");
  }
  CLI::App* lsp = app.add_subcommand("lsp", "Language Server Protocol (3.17) over stdin and stdout");
  CLI::App* daemon = app.add_subcommand(
      "daemon", "Read one command per line from stdin and answer each (a blank line ends)");

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

  CratesCommandOptions crates_opts;
  CLI::App* crates = app.add_subcommand(
      "crates",
      "Load the project for PATH (default: the current folder) and print its crate graph: "
      "`crate NAME (origin, kind) edition E root ROOT`, its `dep` and `features` lines; "
      "loading problems go to stderr");
  crates->add_option("PATH", crates_opts.path, "A file or folder of the project");

  IndexCommandOptions index_opts;
  CLI::App* index = app.add_subcommand(
      "index",
      "Build the on-disk index for the project at DIR (default: the current folder), its "
      "dependencies and std, with a progress bar on a terminal; print one line per crate: "
      "`crate NAME: M modules, I items, X macro expansions, P problems`, then a total");
  index->add_option("DIR", index_opts.path, "The project folder");
  index->add_flag("--verbose", index_opts.verbose, "List each crate's resolution problems");

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
      // The overview, as `ferret --help` (app.help() would show the selected `help`).
      std::fputs(
          app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal).c_str(),
          stdout);
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
  Interface iface = interface_name == "tab-text" ? Interface::TabText : Interface::Text;
  for (RacerSub& r : racer_subs) {
    if (!r.app->parsed()) continue;
    frontends::Session session;
    std::vector<std::string> args{r.name};
    args.insert(args.end(), r.args.begin(), r.args.end());
    CommandOutput out = run_racer_command(session, args, iface, false);
    std::fwrite(out.out.data(), 1, out.out.size(), stdout);
    std::fwrite(out.err.data(), 1, out.err.size(), stderr);
    // A one-shot command is done: its cache entries are written by a detached child,
    // and it leaves without tearing down the session's maps and trees piece by piece
    // (a good part of a cached query's time).
    std::fflush(stdout);
    std::fflush(stderr);
    session.flush_cache_detached();
    if (std::getenv("FERRET_TIMING") == nullptr) std::_Exit(out.status);
    return out.status;
  }
  if (daemon->parsed()) return run_daemon(iface);
  if (lsp->parsed()) return lsp::Server(stdin, stdout).run();
  if (parse->parsed()) return run_parse_command(parse_opts);
  if (crates->parsed()) return run_crates_command(crates_opts);
  if (index->parsed()) return run_index_command(index_opts);
  return 1;
}

}  // namespace ferret::cli

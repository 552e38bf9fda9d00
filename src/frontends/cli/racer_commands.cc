// The racer-compatible commands: argument handling, loading the buffer, running the
// engine query and printing PREFIX / MATCH / POINT / COORD / END lines.
#include "frontends/cli/racer_commands.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/line_index.h"
#include "base/source_limit.h"
#include "frontends/regular_file.h"
#include "frontends/timing.h"
#include "ide/completion.h"
#include "ide/explain.h"
#include "ide/goto_definition.h"
#include "ide/item_matches.h"
#include "ide/type_queries.h"
#include "project/workspace_loader.h"

namespace ferret::cli {

namespace {

bool parse_uint(const std::string& s, uint32_t& out) {
  if (s.empty() || s.size() > 10) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > UINT32_MAX) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

// Rust's `{:?}` of a string: quoted, with \n \t \r \" \\ \0 and \u{…} for controls.
std::string debug_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\0': out += "\\0"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\u{%x}", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

std::string match_line(const ide::Match& m, Interface iface) {
  std::string context = ide::collapse_whitespace(m.context);
  std::string kind(ide::match_kind_name(m.kind));
  if (iface == Interface::Text) {
    return "MATCH " + m.name + "," + std::to_string(m.line) + "," + std::to_string(m.col) + "," + m.path + "," +
           kind + "," + context + "\n";
  }
  auto tab = [](const std::string& f) { return replace_all(f, "\t", "\\t"); };
  return "MATCH\t" + tab(m.name) + "\t" + std::to_string(m.line) + "\t" + std::to_string(m.col) + "\t" +
         tab(m.path) + "\t" + kind + "\t" + tab(context) + "\n";
}

std::string snippet_line(const ide::Match& m, Interface iface) {
  std::string kind(ide::match_kind_name(m.kind));
  if (iface == Interface::Text) {
    std::string context = ide::collapse_whitespace(replace_all(m.context, ";", "\\;"));
    std::string docs = replace_all(debug_string(m.docs), ";", "\\;");
    return "MATCH " + m.name + ";" + m.snippet + ";" + std::to_string(m.line) + ";" + std::to_string(m.col) + ";" +
           m.path + ";" + kind + ";" + context + ";" + docs + "\n";
  }
  std::string context = ide::collapse_whitespace(replace_all(m.context, "\t", "\\t"));
  return "MATCH\t" + m.name + "\t" + m.snippet + "\t" + std::to_string(m.line) + "\t" + std::to_string(m.col) + "\t" +
         m.path + "\t" + kind + "\t" + context + "\t" + debug_string(m.docs) + "\n";
}

std::string prefix_line(uint32_t start, uint32_t end, const std::string& ident, Interface iface) {
  if (iface == Interface::Text) return "PREFIX " + std::to_string(start) + "," + std::to_string(end) + "," + ident + "\n";
  return "PREFIX\t" + std::to_string(start) + "\t" + std::to_string(end) + "\t" + ident + "\n";
}

std::string coord_line(uint32_t line, uint32_t col, Interface iface) {
  return iface == Interface::Text ? "COORD " + std::to_string(line) + "," + std::to_string(col) + "\n"
                                  : "COORD\t" + std::to_string(line) + "\t" + std::to_string(col) + "\n";
}

std::string point_line(uint32_t point, Interface iface) {
  return std::string(iface == Interface::Text ? "POINT " : "POINT\t") + std::to_string(point) + "\n";
}

struct Position {
  std::string path;  // absolute
  uint32_t offset = 0;
  std::shared_ptr<const std::string> text;
};

// Why FILE cannot be read, for the message.
std::string unreadable_reason(const std::string& path) {
  std::string why = frontends::read_regular_file(path).reason();
  return why.empty() ? "cannot be read" : why;
}

// Loads FILE (or SUBSTITUTE, or stdin for "-") into the session's overlay and turns
// LINE/COL into a byte offset (clamped to a character boundary). A SUBSTITUTE or stdin
// that cannot be used (missing, not a regular file, over base::kMaxSourceBytes) is an
// error of the command (status 1); a FILE that cannot be read is an empty answer (as
// racer gave), with the reason on stderr.
bool load_position(frontends::Session& session, const std::string& line_s, const std::string& col_s,
                   const std::string& file, const std::string* substitute, bool daemon,
                   Position& pos, CommandOutput& out) {
  uint32_t line = 0, col = 0;
  if (!parse_uint(line_s, line) || !parse_uint(col_s, col)) {
    out.err += "ferret: LINE and COL must be numbers\n";
    out.status = 1;
    return false;
  }
  pos.path = frontends::absolute_path(file);
  if (substitute != nullptr) {
    std::optional<std::string> text;
    std::string why;
    if (*substitute == "-") {
      text = read_stdin_buffer(daemon);
      if (!text) why = "the buffer on standard input is " + base::source_too_large_reason();
    } else {
      frontends::FileContents contents = frontends::read_regular_file(*substitute);
      if (contents.ok()) {
        text = std::move(contents.text);
      } else {
        why = "cannot read " + *substitute + ": " + contents.reason();
      }
    }
    if (!text) {
      out.err += "ferret: " + why + "\n";
      out.status = 1;
      return false;
    }
    session.set_buffer(pos.path, std::move(*text));
  }
  // As in racer, a command sees its SUBSTITUTE or the disk: in a daemon, buffers of
  // earlier commands go (the current file's stays while it is substituted again, so
  // repeated queries on an unchanged buffer stay warm), and memory follows one buffer.
  session.clear_buffers_except(substitute != nullptr ? pos.path : "");
  base::FileText shown = session.overlay().read_file(pos.path);
  if (!shown) {
    out.err += "ferret: cannot read " + file + ": " + unreadable_reason(pos.path) + "\n";
    return false;
  }
  pos.text = shown;
  base::LineIndex lines(*shown);
  pos.offset = lines.offset(line, col);
  return true;
}

std::unique_ptr<ide::Query> query_at(frontends::Session& session, const Position& pos) {
  return session.query(pos.path, pos.offset);
}

void complete_at(frontends::Session& session, const Position& pos, Interface iface, bool snippets, CommandOutput& out) {
  std::unique_ptr<ide::Query> q = query_at(session, pos);
  if (!q) return;
  q->complete_everything_at_empty_prefix = false;  // racer's clients ask again per prefix
  q->offer_imports_for_names = false;              // and cannot add a `use`
  ide::CompletionResult r;
  {
    frontends::PhaseTimer t("complete");
    r = ide::complete(*q);
  }
  if (std::getenv("FERRET_TIMING") != nullptr) {
    const sema::Database::Stats& s = q->db.stats();
    std::fprintf(stderr, "ferret: def maps %zu loaded %zu built; item trees %zu loaded %zu built; %zu files\n",
                 s.def_maps_loaded, s.def_maps_built, s.item_trees_loaded, s.item_trees_built, q->db.file_count());
  }
  out.out += prefix_line(r.context.prefix_start, r.context.prefix_end, r.context.prefix, iface);
  for (const ide::Match& m : r.matches) {
    if (m.path.empty() && m.kind != ide::MatchKind::Builtin) continue;
    out.out += snippets ? snippet_line(m, iface) : match_line(m, iface);
  }
}

// `complete std::io::B`: from the crate of the current directory.
void complete_fqn(frontends::Session& session, const std::string& fqn, Interface iface, bool snippets, CommandOutput& out) {
  std::error_code ec;
  std::string cwd = frontends::absolute_path(std::filesystem::current_path(ec).string());
  std::string anchor = cwd + "/<ferret-fqn>.rs";
  frontends::Workspace& ws = session.workspace_for(anchor);
  session.report_warnings(ws);
  sema::Database& db = *ws.db;
  sema::CrateId krate = base::kNoCrate;
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
    if (db.graph()[c].origin == base::CrateOrigin::Workspace && db.graph()[c].target == base::TargetKind::Lib) {
      krate = c;
      break;
    }
  }
  for (sema::CrateId c = 0; krate == base::kNoCrate && c < db.graph().size(); ++c) {
    if (db.graph()[c].origin == base::CrateOrigin::Workspace) krate = c;
  }
  if (krate == base::kNoCrate) {
    // No crate here: a crate of nothing but the standard library.
    base::CrateData bare;
    bare.name = "fqn";
    bare.root_file = anchor;
    bare.origin = base::CrateOrigin::LoneFile;
    bare.cfg = base::CfgOptions::host_target();
    for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
      const base::CrateData& cd = db.graph()[c];
      if (cd.origin == base::CrateOrigin::Sysroot && (cd.name == "std" || cd.name == "core")) {
        bare.deps.push_back(base::CrateDependency{cd.name, c, true});
      }
    }
    krate = db.add_crate(std::move(bare));
  }
  for (const ide::Match& m : ide::complete_qualified_name(db, krate, fqn)) {
    if (m.path.empty() && m.kind != ide::MatchKind::Builtin) continue;
    out.out += snippets ? snippet_line(m, iface) : match_line(m, iface);
  }
}

}  // namespace

std::optional<std::string> read_stdin_buffer(bool skip_rest_past_limit) {
  std::string out;
  int c;
  while ((c = getc_unlocked(stdin)) != EOF && c != 0x04) {
    if (out.size() == base::kMaxSourceBytes) {
      if (skip_rest_past_limit) {
        while ((c = getc_unlocked(stdin)) != EOF && c != 0x04) {
        }
      }
      return std::nullopt;
    }
    out += static_cast<char>(c);
  }
  return out;
}

bool is_racer_command(const std::string& name) {
  return name == "complete" || name == "complete-with-snippet" || name == "find-definition" || name == "prefix" ||
         name == "point" || name == "coord" || name == "explain" || name == "type";
}

CommandOutput run_racer_command(frontends::Session& session, const std::vector<std::string>& args, Interface iface,
                                bool daemon) {
  CommandOutput out;
  const std::string& cmd = args[0];
  size_t n = args.size() - 1;
  auto usage = [&](const char* text) {
    out.err += std::string("ferret: usage: ferret ") + text + "\n";
    out.status = 1;
  };
  if (cmd == "complete" || cmd == "complete-with-snippet") {
    bool snippets = cmd == "complete-with-snippet";
    if (n == 1) {
      complete_fqn(session, args[1], iface, snippets, out);
      if (daemon) out.out += "END\n";
      return out;
    }
    if (n != 3 && n != 4) {
      usage("complete LINE COL FILE [SUBSTITUTE] | complete PATH::PREFIX");
      return out;
    }
    Position pos;
    if (load_position(session, args[1], args[2], args[3], n == 4 ? &args[4] : nullptr, daemon, pos,
                      out)) {
      complete_at(session, pos, iface, snippets, out);
    }
    if (out.status == 0) out.out += "END\n";
    return out;
  }
  if (cmd == "find-definition") {
    if (n != 3 && n != 4) {
      usage("find-definition LINE COL FILE [SUBSTITUTE]");
      return out;
    }
    Position pos;
    if (load_position(session, args[1], args[2], args[3], n == 4 ? &args[4] : nullptr, daemon, pos,
                      out)) {
      if (std::unique_ptr<ide::Query> q = query_at(session, pos)) {
        if (std::optional<ide::Match> m = ide::find_definition(*q)) {
          if (!m->path.empty()) out.out += match_line(*m, iface);
        }
      }
    }
    if (out.status == 0) out.out += "END\n";
    return out;
  }
  if (cmd == "prefix") {
    if (n != 3) {
      usage("prefix LINE COL FILE");
      return out;
    }
    Position pos;
    if (load_position(session, args[1], args[2], args[3], nullptr, daemon, pos, out)) {
      uint32_t start = ide::prefix_start(*pos.text, pos.offset);
      out.out += prefix_line(start, pos.offset, pos.text->substr(start, pos.offset - start), iface);
    }
    if (daemon && out.status == 0) out.out += "END\n";
    return out;
  }
  if (cmd == "point") {
    if (n != 3) {
      usage("point LINE COL FILE");
      return out;
    }
    uint32_t line = 0, col = 0;
    if (!parse_uint(args[1], line) || !parse_uint(args[2], col)) {
      usage("point LINE COL FILE");
      return out;
    }
    out.out += coord_line(line, col, iface);
    Position pos;
    if (load_position(session, args[1], args[2], args[3], nullptr, daemon, pos, out))
      out.out += point_line(pos.offset, iface);
    out.out += "END\n";
    return out;
  }
  if (cmd == "coord") {
    uint32_t point = 0;
    if (n != 2 || !parse_uint(args[1], point)) {
      usage("coord POINT FILE");
      return out;
    }
    out.out += point_line(point, iface);
    std::string path = frontends::absolute_path(args[2]);
    if (base::FileText text = session.overlay().read_file(path)) {
      base::LineIndex lines(*text);
      base::LineCol lc = lines.line_col(point);
      out.out += coord_line(lc.line, lc.col, iface);
    } else {
      out.err += "ferret: cannot read " + args[2] + ": " + unreadable_reason(path) + "\n";
    }
    out.out += "END\n";
    return out;
  }
  if (cmd == "type") {
    if (n != 3 && n != 4) {
      usage("type LINE COL FILE [SUBSTITUTE]");
      return out;
    }
    Position pos;
    if (load_position(session, args[1], args[2], args[3], n == 4 ? &args[4] : nullptr, daemon, pos,
                      out)) {
      std::unique_ptr<ide::Query> q = query_at(session, pos);
      frontends::PhaseTimer t("type");
      out.out += (q ? ide::type_at_cursor(*q) : std::string("{unknown}")) + "\n";
    }
    if (daemon && out.status == 0) out.out += "END\n";
    return out;
  }
  if (cmd == "explain") {
    if (n != 3 && n != 4) {
      usage("explain LINE COL FILE [SUBSTITUTE]");
      return out;
    }
    Position pos;
    if (!load_position(session, args[1], args[2], args[3], n == 4 ? &args[4] : nullptr, daemon, pos,
                       out))
      return out;
    std::unique_ptr<ide::Query> q = query_at(session, pos);
    if (!q) return out;
    q->explaining = true;
    const sema::Database& db = q->db;
    out.out += "file " + pos.path + " is in crate `" + db.graph()[q->krate].name + "` (" +
               db.graph()[q->krate].root_file + "), module " + ide::describe_module(q->db, q->krate, q->module) + "\n";
    std::vector<std::string> steps = ide::explain_path_at_cursor(*q);
    if (!steps.empty()) {
      out.out += "the name at the cursor:\n";
      for (const std::string& step : steps) out.out += "  " + step + "\n";
    }
    ide::CompletionResult r = ide::complete(*q);
    out.out += "completing `" + r.context.prefix + "`:\n";
    for (const std::string& step : q->trace) out.out += "  " + step + "\n";
    out.out += "  " + std::to_string(r.matches.size()) + " matches\n";
    for (size_t i = 0; i < r.matches.size() && i < 5; ++i) out.out += "    " + match_line(r.matches[i], Interface::Text);
    q->trace.clear();
    if (std::optional<ide::Match> m = ide::find_definition(*q)) {
      out.out += "definition:\n";
      for (const std::string& step : q->trace) out.out += "  " + step + "\n";
      out.out += "  " + match_line(*m, Interface::Text);
    }
    if (daemon) out.out += "END\n";
    return out;
  }
  usage("COMMAND …");
  return out;
}

}  // namespace ferret::cli

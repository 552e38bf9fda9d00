// libFuzzer target for whole queries: the input is Rust source (one file, or several
// after `//- /PATH` lines as in the test fixtures) put in a memory world beside the
// minicore; the cursor is at the first `$0` (removed), else at an offset picked from
// the input's hash. The queries the front ends make then run through the same entry
// points (frontends::Session, ide::*): completion, find-definition, type, hover's
// definition-or-type, signature help, explain, document symbols; then the buffer is
// edited at the cursor, as by a keystroke, and completion asked again (incremental
// reparse and item tree shift). Each input gets a fresh session: deterministic, and
// nothing is kept between runs. A crash, a sanitizer report, a timeout (-timeout) or
// an out-of-memory (-rss_limit_mb) is the finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_world.h"
#include "ide/completion.h"
#include "ide/explain.h"
#include "ide/goto_definition.h"
#include "ide/signature_help.h"
#include "ide/symbols.h"
#include "ide/type_queries.h"

namespace {

using namespace ferret;

struct Input {
  std::vector<std::pair<std::string, std::string>> files;  // path, text; the first is queried
  uint32_t cursor = 0;
};

// `//- /a/b.rs` starts a file at /fuzz/a/b.rs (a path of safe characters only).
bool file_header(std::string_view line, std::string& path) {
  if (line.substr(0, 5) != "//- /") return false;
  std::string_view p = line.substr(4);
  p = p.substr(0, p.find(' '));
  if (p.size() > 100) return false;
  for (char c : p) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '/' || c == '.' || c == '-';
    if (!ok) return false;
  }
  if (p.find("..") != std::string_view::npos || p.back() == '/') return false;
  path = "/fuzz" + std::string(p);
  return true;
}

Input parse_input(std::string_view data) {
  Input in;
  std::string path = "/fuzz/main.rs";
  std::string text;
  auto flush = [&] {
    if (!text.empty() || in.files.empty()) in.files.emplace_back(path, std::move(text));
    text.clear();
  };
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    end = end == std::string_view::npos ? data.size() : end + 1;
    std::string_view line = data.substr(pos, end - pos);
    std::string next;
    if (file_header(line, next)) {
      flush();
      path = next;
    } else {
      text.append(line);
    }
    pos = end;
  }
  flush();
  // The cursor's file goes first.
  for (size_t i = 0; i < in.files.size(); ++i) {
    size_t at = in.files[i].second.find("$0");
    if (at == std::string::npos) continue;
    in.files[i].second.erase(at, 2);
    in.cursor = static_cast<uint32_t>(at);
    std::swap(in.files[0], in.files[i]);
    return in;
  }
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : data) h = (h ^ c) * 1099511628211ull;
  in.cursor = static_cast<uint32_t>(h % (in.files[0].second.size() + 1));
  return in;
}

// The hover of the LSP server: a definition's docs, or a local's type.
void hover(frontends::Session& s, const std::string& path, uint32_t offset) {
  std::unique_ptr<ide::Query> q = s.query(path, offset);
  if (!q) return;
  std::optional<ide::Match> m = ide::find_definition(*q);
  if (m && m->path == path) q->offset = q->lines().offset(m->line, m->col);
  ide::type_at_cursor(*q);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in = parse_input(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<std::pair<std::string, std::string>> others(in.files.begin() + 1, in.files.end());
  frontends::Session s(fuzz::fuzz_world(others));
  const std::string& path = in.files[0].first;
  std::string text = in.files[0].second;
  s.set_buffer(path, text);  // an editor's buffer, as the daemon and LSP have
  if (auto q = s.query(path, in.cursor)) ide::complete(*q);
  if (auto q = s.query(path, in.cursor)) ide::find_definition(*q);
  if (auto q = s.query(path, in.cursor)) ide::type_at_cursor(*q);
  hover(s, path, in.cursor);
  if (auto q = s.query(path, in.cursor)) ide::signature_help(*q);
  if (auto q = s.query(path, in.cursor)) ide::explain_path_at_cursor(*q);
  if (auto q = s.query(path, 0)) ide::document_symbols(q->file_tree());
  // A keystroke at the cursor: the byte before it deleted, or a `.` typed.
  if (in.cursor > 0 && (size & 1)) {
    text.erase(in.cursor - 1, 1);
    --in.cursor;
  } else {
    text.insert(in.cursor, ".");
    ++in.cursor;
  }
  s.set_buffer(path, text);
  if (auto q = s.query(path, in.cursor)) ide::complete(*q);
  return 0;
}

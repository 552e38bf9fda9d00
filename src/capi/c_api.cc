// libferret's C interface (include/ferret.h) over a frontends::Session: every entry
// point checks its arguments, serializes on the session's mutex and turns exceptions
// into statuses; results are copied into one allocation the caller frees.
#include "ferret.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "base/line_index.h"
#include "base/source_limit.h"
#include "frontends/session.h"
#include "ide/completion.h"
#include "ide/goto_definition.h"
#include "ide/item_matches.h"

struct ferret_session {
  std::mutex mutex;
  ferret::frontends::Session session;
};

namespace {

using ferret::ide::Match;

// The matches as one block: the struct, the item array, then every string.
ferret_matches* copy_matches(const std::vector<Match>& ms, uint32_t prefix_start, uint32_t prefix_end) {
  size_t bytes = sizeof(ferret_matches) + ms.size() * sizeof(ferret_match);
  std::vector<std::string> kinds;
  kinds.reserve(ms.size());
  for (const Match& m : ms) {
    kinds.emplace_back(ferret::ide::match_kind_name(m.kind));
    bytes += m.name.size() + m.path.size() + kinds.back().size() + m.context.size() +
             m.docs.size() + m.snippet.size() + m.import.size() + 7;
  }
  char* block = static_cast<char*>(std::malloc(bytes));
  if (block == nullptr) throw std::bad_alloc();
  auto* out = reinterpret_cast<ferret_matches*>(block);
  auto* items = reinterpret_cast<ferret_match*>(block + sizeof(ferret_matches));
  char* strings = block + sizeof(ferret_matches) + ms.size() * sizeof(ferret_match);
  auto put = [&](const std::string& s) {
    char* at = strings;
    std::memcpy(at, s.data(), s.size());
    at[s.size()] = '\0';
    strings += s.size() + 1;
    return at;
  };
  for (size_t i = 0; i < ms.size(); ++i) {
    const Match& m = ms[i];
    ferret_match& c = items[i];
    c.name = put(m.name);
    c.path = put(m.path);
    c.line = m.line;
    c.column = m.col;
    c.kind = put(kinds[i]);
    c.context = put(ferret::ide::collapse_whitespace(m.context));
    c.docs = put(m.docs);
    c.snippet = put(m.snippet);
    c.import_path = put(m.import);
  }
  out->items = items;
  out->count = ms.size();
  out->prefix_start = prefix_start;
  out->prefix_end = prefix_end;
  return out;
}

template <typename F>
ferret_status guarded(ferret_session* s, F&& body) {
  if (s == nullptr) return FERRET_ERROR_ARGUMENT;
  try {
    std::lock_guard<std::mutex> lock(s->mutex);
    return body(s->session);
  } catch (const std::bad_alloc&) {
    return FERRET_ERROR_INTERNAL;
  } catch (...) {
    return FERRET_ERROR_INTERNAL;
  }
}

// The byte offset of (line, column) in the file as the session sees it.
ferret_status offset_of(ferret::frontends::Session& s, const std::string& path, uint32_t line, uint32_t column,
                        uint32_t& offset) {
  ferret::base::FileText text = s.overlay().read_file(path);
  if (!text) return FERRET_ERROR_IO;
  offset = ferret::base::LineIndex(*text).offset(line, column);
  return FERRET_OK;
}

// A query at (line, column) of `path`, answered by `answer(query, offset)` into *out:
// the argument checks, the lock, the position and the statuses shared by the queries.
template <typename F>
ferret_status answer_at(ferret_session* session, const char* path, uint32_t line, uint32_t column,
                        ferret_matches** out, F&& answer) {
  if (path == nullptr || out == nullptr) return FERRET_ERROR_ARGUMENT;
  *out = nullptr;
  return guarded(session, [&](ferret::frontends::Session& s) {
    std::string abs = ferret::frontends::absolute_path(path);
    uint32_t offset = 0;
    if (ferret_status st = offset_of(s, abs, line, column, offset); st != FERRET_OK) return st;
    std::unique_ptr<ferret::ide::Query> q = s.query(abs, offset);
    if (!q) return FERRET_ERROR_IO;
    *out = answer(*q, offset);
    return FERRET_OK;
  });
}

}  // namespace

extern "C" {

const char* ferret_version(void) { return FERRET_VERSION; }

const char* ferret_status_message(ferret_status status) {
  switch (status) {
    case FERRET_OK: return "ok";
    case FERRET_ERROR_ARGUMENT: return "invalid argument";
    case FERRET_ERROR_IO: return "the file cannot be read";
    case FERRET_ERROR_INTERNAL: return "internal error";
    case FERRET_ERROR_TOO_LARGE:
      return "the text is larger than ferret's 8 MiB limit for source files";
  }
  return "unknown status";
}

ferret_session* ferret_session_new(void) {
  try {
    return new ferret_session();
  } catch (...) {
    return nullptr;
  }
}

void ferret_session_free(ferret_session* session) {
  if (session == nullptr) return;
  try {
    {
      std::lock_guard<std::mutex> lock(session->mutex);
      session->session.flush_cache();
    }
    delete session;
  } catch (...) {
  }
}

ferret_status ferret_open_project(ferret_session* session, const char* path) {
  if (path == nullptr) return FERRET_ERROR_ARGUMENT;
  return guarded(session, [&](ferret::frontends::Session& s) {
    std::string abs = ferret::frontends::absolute_path(path);
    if (!s.overlay().is_file(abs) && !s.overlay().is_dir(abs)) return FERRET_ERROR_IO;
    // A folder: a file name in it stands for the folder's project.
    std::string file = s.overlay().is_dir(abs) ? abs + "/<ferret-project>.rs" : abs;
    s.workspace_for(file);
    if (s.overlay().is_file(abs)) s.query(abs, 0);  // the file's crate and its dependencies indexed
    s.flush_cache();
    return FERRET_OK;
  });
}

ferret_status ferret_set_buffer(ferret_session* session, const char* path, const char* text, size_t length) {
  if (path == nullptr || (text == nullptr && length != 0)) return FERRET_ERROR_ARGUMENT;
  return guarded(session, [&](ferret::frontends::Session& s) {
    // An oversized text is not even copied: the session declines it as an empty one.
    bool fits = length <= ferret::base::kMaxSourceBytes;
    s.set_buffer(ferret::frontends::absolute_path(path),
                 fits ? std::string(text == nullptr ? "" : text, length) : std::string());
    return fits ? FERRET_OK : FERRET_ERROR_TOO_LARGE;
  });
}

ferret_status ferret_clear_buffer(ferret_session* session, const char* path) {
  if (path == nullptr) return FERRET_ERROR_ARGUMENT;
  return guarded(session, [&](ferret::frontends::Session& s) {
    s.clear_buffer(ferret::frontends::absolute_path(path));
    return FERRET_OK;
  });
}

ferret_status ferret_complete(ferret_session* session, const char* path, uint32_t line, uint32_t column,
                              ferret_matches** out) {
  return answer_at(session, path, line, column, out, [](ferret::ide::Query& q, uint32_t) {
    ferret::ide::CompletionResult r = ferret::ide::complete(q);
    // Postfix snippets replace text before the prefix, which a match here cannot say.
    std::erase_if(r.matches,
                  [](const Match& m) { return m.kind == ferret::ide::MatchKind::Snippet; });
    return copy_matches(r.matches, r.context.prefix_start, r.context.prefix_end);
  });
}

ferret_status ferret_find_definition(ferret_session* session, const char* path, uint32_t line, uint32_t column,
                                     ferret_matches** out) {
  return answer_at(session, path, line, column, out, [](ferret::ide::Query& q, uint32_t offset) {
    std::vector<Match> found;
    if (std::optional<Match> m = ferret::ide::find_definition(q); m && !m->path.empty()) found.push_back(std::move(*m));
    return copy_matches(found, offset, offset);
  });
}

void ferret_matches_free(ferret_matches* matches) { std::free(matches); }

}  // extern "C"

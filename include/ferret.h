/* ferret.h — the C interface of ferret, a code-completion and find-definition engine
 * for Rust (libferret; pkg-config name `ferret`).
 *
 * A session holds the loaded projects (Cargo workspaces, their dependencies and the
 * standard library), the editor's unsaved buffers and the on-disk cache. Positions
 * are racer's: LINE 1-based, COLUMN 0-based in bytes of UTF-8; out-of-range positions
 * are clamped. Results are plain structs owned by the library: free them with
 * ferret_matches_free. No function throws or aborts on bad input; each returns a
 * status. A session may be used from several threads at once (calls on one session
 * are serialized); separate sessions are independent.
 */
#ifndef FERRET_H
#define FERRET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ferret_session ferret_session;

typedef enum ferret_status {
  FERRET_OK = 0,
  FERRET_ERROR_ARGUMENT = 1, /* a NULL handle or path, text without its length… */
  FERRET_ERROR_IO = 2,       /* the file cannot be read */
  FERRET_ERROR_INTERNAL = 3, /* an engine failure (out of memory…); the session stays usable */
  FERRET_ERROR_TOO_LARGE = 4 /* a text over ferret's 8 MiB limit for source files */
} ferret_status;

typedef struct ferret_match {
  const char* name;    /* a macro's name ends in '!' */
  const char* path;    /* the file of the definition ("" for language builtins without one) */
  uint32_t line;       /* 1-based line of the name */
  uint32_t column;     /* 0-based byte column of the name */
  const char* kind;    /* racer's kind: "Function", "Struct", "Module", "StructField"…, or
                        * "Keyword" (completion of a keyword: path "", line 1, column 0) */
  const char* context; /* the one-line signature */
  const char* docs;    /* documentation comments ("" when none) */
  const char* snippet; /* "name(${1:arg: T})" for functions, else the name */
  const char* import_path; /* completion of an item the file does not import (a method of
                            * a trait not in scope): the path to `use`, e.g.
                            * "std::ops::DerefMut"; "" otherwise */
} ferret_match;

typedef struct ferret_matches {
  const ferret_match* items; /* best first */
  size_t count;
  uint32_t prefix_start; /* completion: byte offsets of the identifier being completed */
  uint32_t prefix_end;
} ferret_matches;

/* The library's version, e.g. "0.1.0". */
const char* ferret_version(void);
/* A short English description of a status. */
const char* ferret_status_message(ferret_status status);

/* A new session (NULL only when out of memory). The cache lives in $FERRET_CACHE_DIR,
 * else $XDG_CACHE_HOME/ferret or ~/.cache/ferret. */
ferret_session* ferret_session_new(void);
void ferret_session_free(ferret_session* session);

/* Loads the project holding `path` (a file or a folder) now rather than on first
 * query: its crate graph and the index of the crate, its dependencies and std. */
ferret_status ferret_open_project(ferret_session* session, const char* path);

/* Sets the unsaved text of a file (it wins over the disk until cleared). A text over
 * 8 MiB is declined with FERRET_ERROR_TOO_LARGE: the file then reads as empty (the rest
 * of its crate still answers) until a smaller text is set or the buffer is cleared. */
ferret_status ferret_set_buffer(ferret_session* session, const char* path, const char* text, size_t length);
ferret_status ferret_clear_buffer(ferret_session* session, const char* path);

/* Completions at a position; *out is set on FERRET_OK (possibly with count 0). */
ferret_status ferret_complete(ferret_session* session, const char* path, uint32_t line, uint32_t column,
                              ferret_matches** out);
/* The definition of the name at a position: count is 0 or 1. */
ferret_status ferret_find_definition(ferret_session* session, const char* path, uint32_t line, uint32_t column,
                                     ferret_matches** out);

void ferret_matches_free(ferret_matches* matches);

#ifdef __cplusplus
}
#endif

#endif /* FERRET_H */

/* The C interface from C (not C++): a session on the bundled example, completion and
 * find-definition on the file and on an unsaved buffer, bad arguments, and four
 * threads querying one session at once. Prints one line per check; exit 0 when all
 * hold. argv[1]: the example crate's folder. */
#include <ferret.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void check(int ok, const char* what) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

static char main_rs[4096];

static int has_name(const ferret_matches* m, const char* name) {
  for (size_t i = 0; m != NULL && i < m->count; ++i) {
    if (strcmp(m->items[i].name, name) == 0) return 1;
  }
  return 0;
}

static void* worker(void* arg) {
  ferret_session* s = (ferret_session*)arg;
  int good = 1;
  for (int i = 0; i < 10; ++i) {
    ferret_matches* m = NULL;
    /* `|s| s.area()`: line 13, column 45 */
    if (ferret_complete(s, main_rs, 13, 45, &m) != FERRET_OK || m->count == 0 || strcmp(m->items[0].name, "area") != 0) good = 0;
    ferret_matches_free(m);
    m = NULL;
    if (ferret_find_definition(s, main_rs, 15, 65, &m) != FERRET_OK || m->count != 1 || m->items[0].line != 17) good = 0;
    ferret_matches_free(m);
  }
  return good ? arg : NULL;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: capi_test EXAMPLE_DIR\n");
    return 2;
  }
  snprintf(main_rs, sizeof main_rs, "%s/src/main.rs", argv[1]);
  check(strlen(ferret_version()) > 0, "ferret_version");
  check(strcmp(ferret_status_message(FERRET_ERROR_IO), "the file cannot be read") == 0, "ferret_status_message");

  ferret_session* s = ferret_session_new();
  check(s != NULL, "ferret_session_new");
  check(ferret_open_project(s, argv[1]) == FERRET_OK, "open the example's folder");
  check(ferret_open_project(s, main_rs) == FERRET_OK, "open a file of it");

  ferret_matches* m = NULL;
  check(ferret_complete(s, main_rs, 13, 45, &m) == FERRET_OK && m != NULL, "complete after `s.`");
  check(m != NULL && m->count > 1 && strcmp(m->items[0].name, "area") == 0, "  Shape::area first");
  check(m != NULL && strcmp(m->items[0].kind, "Function") == 0 && strstr(m->items[0].path, "geometry.rs") != NULL,
        "  its kind and file");
  check(m != NULL && strcmp(m->items[0].context, "pub fn area(&self) -> f64") == 0, "  its signature");
  check(m != NULL && strcmp(m->items[0].docs, "The area enclosed by the shape.") == 0, "  its docs");
  check(m != NULL && strcmp(m->items[0].import_path, "") == 0, "  in scope: nothing to import");
  check(m != NULL && m->prefix_start == m->prefix_end, "  an empty prefix");
  ferret_matches_free(m);

  m = NULL;
  check(ferret_find_definition(s, main_rs, 15, 65, &m) == FERRET_OK && m != NULL && m->count == 1, "find-definition");
  check(m != NULL && m->count == 1 && strcmp(m->items[0].name, "distance_to") == 0 && m->items[0].line == 17 &&
            m->items[0].column == 11,
        "  distance_to at geometry.rs:17:11");
  ferret_matches_free(m);

  /* An unsaved buffer wins over the file; clearing it brings the file back. */
  const char* edited =
      "mod geometry;\nfn main() {\n    let p = geometry::Point::new(1.0, 2.0);\n    p.dis\n}\n";
  check(ferret_set_buffer(s, main_rs, edited, strlen(edited)) == FERRET_OK, "set a buffer");
  m = NULL;
  check(ferret_complete(s, main_rs, 4, 9, &m) == FERRET_OK && m != NULL && m->count == 1 &&
            strcmp(m->items[0].name, "distance_to") == 0 && m->prefix_end - m->prefix_start == 3,
        "  completes in the buffer's text");
  ferret_matches_free(m);
  check(ferret_clear_buffer(s, main_rs) == FERRET_OK, "clear the buffer");
  m = NULL;
  check(ferret_complete(s, main_rs, 13, 45, &m) == FERRET_OK && has_name(m, "area"), "  the file's text again");
  ferret_matches_free(m);

  /* Bad input: statuses, never a crash. */
  m = (ferret_matches*)1;
  check(ferret_complete(NULL, main_rs, 1, 0, &m) == FERRET_ERROR_ARGUMENT, "NULL session");
  m = (ferret_matches*)1;
  check(ferret_complete(s, NULL, 1, 0, &m) == FERRET_ERROR_ARGUMENT && m == (ferret_matches*)1, "NULL path");
  check(ferret_complete(s, main_rs, 1, 0, NULL) == FERRET_ERROR_ARGUMENT, "NULL result");
  check(ferret_complete(s, "/no/such/file.rs", 1, 0, &m) == FERRET_ERROR_IO && m == NULL, "a missing file");
  check(ferret_set_buffer(s, main_rs, NULL, 5) == FERRET_ERROR_ARGUMENT, "text NULL with a length");
  check(ferret_open_project(s, "/no/such/folder") == FERRET_ERROR_IO, "a missing project");
  m = NULL;
  check(ferret_complete(s, main_rs, 100000, 100000, &m) == FERRET_OK, "a position past the end is clamped");
  ferret_matches_free(m);
  ferret_matches_free(NULL);

  /* Four threads, one session. */
  pthread_t threads[4];
  for (int i = 0; i < 4; ++i) pthread_create(&threads[i], NULL, worker, s);
  int all = 1;
  for (int i = 0; i < 4; ++i) {
    void* r = NULL;
    pthread_join(threads[i], &r);
    all = all && r == s;
  }
  check(all, "4 threads x 10 completions and definitions on one session");

  ferret_session_free(s);
  ferret_session_free(NULL);
  printf("%s\n", failures == 0 ? "capi: all passed" : "capi: FAILED");
  return failures == 0 ? 0 : 1;
}

/* The C interface's buffers under the source size limit (8 MiB): a text over it is
 * declined with FERRET_ERROR_TOO_LARGE and the file reads as empty, so queries there
 * find nothing; a text at the limit is taken; the session stays usable. argv[1]: a
 * scratch folder. Prints one line per check; exit 0 when all hold. */
#include <ferret.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void check(int ok, const char* what) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

/* `struct Local;`, a completion point `Lo` at 2:14, then a comment up to `size` bytes. */
static char* sized_source(size_t size) {
  const char* head = "struct Local;\nfn main() { Lo }\n// ";
  char* text = malloc(size);
  if (text == NULL) exit(2);
  memset(text, 'x', size);
  memcpy(text, head, strlen(head));
  text[size - 1] = '\n';
  return text;
}

static int finds_local(ferret_session* s, const char* path) {
  ferret_matches* m = NULL;
  int found = 0;
  if (ferret_complete(s, path, 2, 14, &m) == FERRET_OK) {
    for (size_t i = 0; i < m->count; ++i) found |= strcmp(m->items[i].name, "Local") == 0;
  }
  ferret_matches_free(m);
  return found;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  char path[4096];
  snprintf(path, sizeof path, "%s/buffer.rs", argv[1]);
  const size_t limit = (size_t)8 << 20;
  ferret_session* s = ferret_session_new();
  check(s != NULL, "session");

  char* at_limit = sized_source(limit);
  check(ferret_set_buffer(s, path, at_limit, limit) == FERRET_OK, "a text at the limit is taken");
  check(finds_local(s, path), "and answered");

  char* over = sized_source(limit + 1);
  check(ferret_set_buffer(s, path, over, limit + 1) == FERRET_ERROR_TOO_LARGE,
        "a text over the limit is declined");
  check(strstr(ferret_status_message(FERRET_ERROR_TOO_LARGE), "8 MiB") != NULL, "its message");
  check(!finds_local(s, path), "the declined buffer reads as empty (not the previous text)");

  check(ferret_set_buffer(s, path, at_limit, limit) == FERRET_OK, "a smaller text again");
  check(finds_local(s, path), "answered again");
  free(at_limit);
  free(over);
  ferret_session_free(s);
  return failures == 0 ? 0 : 1;
}

#!/usr/bin/env python3
"""racer's editor clients, emulated byte for byte against ferret (they are not in Debian).

emacs-racer (racer.el) runs `racer complete|complete-with-snippet|find-definition LINE COL
FILE TMPFILE` with the buffer written to TMPFILE, COL being Emacs' character column
(`(- (point) (line-beginning-position))`, bytes on ASCII lines); it splits `MATCH` lines of
`complete` on commas (the first five) and snippet lines on unescaped `;` into 8 parts,
reading the docs as a Rust string. vim-racer runs `racer prefix LINE COL TMPFILE`, turns
the PREFIX byte offset into a column with line2byte, then `racer complete LINE COL
"FILE" "TMPFILE"` and splits MATCH lines on commas.

usage: racer_clients_test.py FERRET_BINARY EXAMPLE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1


def run(binary, args, cwd):
    r = subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True, timeout=300)
    return r.returncode, r.stdout


# --- racer.el's parsing (racer--split-parts, racer--read-rust-string) ---
def racer_el_split_parts(raw):
    parts, current, prev = [], "", None
    for ch in raw:
        if ch == ";" and prev != "\\":
            parts.append(current)
            current = ""
        else:
            current += ch
        prev = ch
    parts.append(current)
    return [racer_el_read_rust_string(p) for p in parts]


def racer_el_read_rust_string(s):
    if s.startswith('"'):
        s = s[1:]
    if s.endswith('"'):
        s = s[:-1]
    return s.replace("\\n", "\n").replace('\\"', '"').replace("\\'", "'").replace("\\;", ";")


def racer_el_snippet_match(line):
    parts = racer_el_split_parts(line)
    if len(parts) != 8:
        return None
    return {"name": parts[0][len("MATCH "):], "snippet": parts[1], "line": int(parts[2]), "column": int(parts[3]),
            "path": parts[4], "kind": parts[5], "signature": parts[6], "docstring": parts[7] or None}


def comma_match(line):
    # MATCH name,line,col,path,kind,context: the first five commas split
    fields = line[len("MATCH "):].split(",", 5)
    return {"name": fields[0], "line": int(fields[1]), "column": int(fields[2]), "path": fields[3],
            "kind": fields[4], "context": fields[5] if len(fields) > 5 else ""}


def main():
    binary, example = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    try:
        root = os.path.join(work, "hello")
        shutil.copytree(example, root)
        main_rs = os.path.join(root, "src", "main.rs")
        text = open(main_rs).read()
        lines = text.split("\n")

        # racer.el: the buffer has unsaved text `s.ar` at `|s| s.area()` (line 13).
        edited = text.replace("s.area()", "s.ar()")
        tmp = os.path.join(work, "racer-tmp")
        open(tmp, "w").write(edited)
        line13 = edited.split("\n")[12]
        column = line13.index("s.ar") + 4  # Emacs' current-column after `ar`
        rc, out = run(binary, ["complete", "13", str(column), main_rs, tmp], root)
        check(rc == 0, "racer.el complete: exit 0")
        out_lines = out.rstrip("\n").split("\n")
        check(out_lines[0].startswith("PREFIX ") and out_lines[-1] == "END", "racer.el complete: PREFIX … END")
        matches = [comma_match(l) for l in out_lines if l.startswith("MATCH ")]
        check([m["name"] for m in matches] == ["area"], "racer.el complete: candidates " + str([m["name"] for m in matches]))
        check(matches and matches[0]["kind"] == "Function" and matches[0]["context"] == "pub fn area(&self) -> f64"
              and matches[0]["path"].endswith("geometry.rs") and matches[0]["line"] == 31,
              "racer.el complete: fields of area")

        rc, out = run(binary, ["complete-with-snippet", "13", str(column), main_rs, tmp], root)
        snippets = [racer_el_snippet_match(l) for l in out.split("\n") if l.startswith("MATCH ")]
        check(len(snippets) == 1 and snippets[0] is not None, "racer.el snippet line splits into 8 parts")
        if snippets and snippets[0]:
            m = snippets[0]
            check(m["name"] == "area" and m["snippet"] == "area()" and m["line"] == 31 and m["column"] == 11,
                  "racer.el snippet: name, snippet, line, column")
            check(m["kind"] == "Function" and m["signature"] == "pub fn area(&self) -> f64",
                  "racer.el snippet: kind, signature")
            check(m["docstring"] == "The area enclosed by the shape.", "racer.el snippet: docstring")

        # A docstring with `;` and a newline and a quote survives the escapes.
        lib = os.path.join(root, "src", "semi.rs")
        open(lib, "w").write('/// One; two\n/// "three"\npub fn semi(a: u8; ) {}\nfn main() { sem }\n')
        rc, out = run(binary, ["complete-with-snippet", "4", "15", lib, lib], root)
        snippets = [racer_el_snippet_match(l) for l in out.split("\n") if l.startswith("MATCH ")]
        check(len(snippets) == 1 and snippets[0] and snippets[0]["docstring"] == 'One; two\n"three"',
              "racer.el snippet: escaped `;`, newline and quote in docs: " + repr(snippets[0]["docstring"] if snippets and snippets[0] else None))

        # racer.el find-definition: `origin.distance_to` (line 15), point on the name.
        col15 = lines[14].index("distance_to") + 3
        rc, out = run(binary, ["find-definition", "15", str(col15), main_rs, tmp], root)
        defs = [comma_match(l) for l in out.split("\n") if l.startswith("MATCH ")]
        check(len(defs) == 1 and defs[0]["name"] == "distance_to" and defs[0]["line"] == 17 and defs[0]["column"] == 11
              and defs[0]["path"].endswith("geometry.rs"), "racer.el find-definition: geometry.rs:17:11")

        # vim-racer: `prefix LINE COL TMPFILE`, then the PREFIX byte offset as a column.
        vim_tmp = os.path.join(work, "vim-tmp")
        open(vim_tmp, "w").write(edited)
        col = column  # col('.') - 1 in insert mode after `ar`
        rc, out = run(binary, ["prefix", "13", str(col), vim_tmp], root)
        prefix_line = out.split("\n")[0]
        check(prefix_line.startswith("PREFIX "), "vim-racer prefix: " + prefix_line)
        start_byte = int(prefix_line[7:].split(",")[0])
        line2byte = len("\n".join(edited.split("\n")[:12])) + 1 + 1  # 1-based byte of line 13's start
        startcol = start_byte - line2byte + (0 if col == 1 else 1)
        check(startcol == line13.index("s.ar") + 2, "vim-racer prefix: start column %d" % startcol)
        rc, out = run(binary, ["complete", "13", str(col), main_rs, vim_tmp], root)
        words = [l[6:].split(",") for l in out.split("\n") if l.startswith("MATCH")]
        check(len(words) == 1 and words[0][0] == "area" and words[0][4] == "Function"
              and ",".join(words[0][5:]) == "pub fn area(&self) -> f64", "vim-racer complete: word, kind, menu")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("racer clients: all passed" if failures == 0 else "racer clients: FAILED")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""What rustc says about a type fixture's bindings, next to what ferret says.

Usage: tests/tools/rustc_types.py tests/fixtures/types/AREA/NAME.rs [...]

For a fixture of tests/fixtures/types (one crate; `minicore` fixtures are plain Rust
against the real std, whose paths the minicore copies), the checked file is compiled
with the installed rustc to MIR (`--emit=mir`, RUSTC_BOOTSTRAP=1 for
`-Zmir-include-spans`), whose debug info names every user binding with its type and
position. Types are shortened as ferret renders them (no paths, no lifetimes,
`{closure}`), then each binding line of NAME.expected is printed with rustc's type
beside it when they differ. A fixture that does not compile prints rustc's errors
(some fixtures are meant not to: unknown names, unsatisfied bounds).
Needs rustc on PATH; not part of ctest.
"""
import os
import re
import subprocess
import sys
import tempfile


def checked_file(text):
    """The text of the file holding $0, else the first file, with $0 removed."""
    files = []
    cur = None
    for line in text.splitlines(keepends=True):
        if line.startswith("//- "):
            cur = [line.split()[1], ""]
            files.append(cur)
            continue
        if cur is None:
            cur = ["/main.rs", ""]
            files.append(cur)
        cur[1] += line
    for path, body in files:
        if "$0" in body:
            return path, body.replace("$0", "")
    return files[0][0], files[0][1]


def shorten(ty):
    ty = re.sub(r"\bfor<[^>]*> ", "", ty)
    ty = re.sub(r"\{closure@[^}]*\}", "{closure}", ty)
    ty = re.sub(r"\{async block@[^}]*\}", "{async block}", ty)
    ty = re.sub(r"\{async fn body of [^}]*\}", "{async fn body}", ty)
    ty = re.sub(r"'[a-z_]+,\s*", "", ty)
    ty = re.sub(r"<'[a-z_]+>", "", ty)
    ty = re.sub(r"&'[a-z_]+ ", "&", ty)
    ty = re.sub(r"\b(?:[a-z_][a-z0-9_]*::)+", "", ty)
    return ty


def rustc_bindings(source):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "main.rs")
        with open(path, "w") as f:
            f.write(source)
        kind = "bin" if re.search(r"^fn main\(", source, re.M) else "lib"
        env = dict(os.environ, RUSTC_BOOTSTRAP="1")
        p = subprocess.run(
            ["rustc", "--edition", "2021", "--crate-type", kind, "--emit=mir", "-Zmir-opt-level=0",
             "-Zmir-include-spans", "-Awarnings", "-o", "-", "main.rs"],
            cwd=d, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            return None, p.stderr
        out = {}
        types = {}
        debugs = []

        def flush():
            for key, local in debugs:
                if local in types:
                    ty = shorten(types[local])
                    # A binding used in a match guard has a second, by-reference local.
                    if key in out and ty == "&" + out[key]:
                        continue
                    out[key] = ty
            debugs.clear()

        for line in p.stdout.splitlines():
            if re.match(r"^\S.*\{$", line):  # a body: fn, closure, promoted constant, const
                flush()
                types = {}
                # closure and fn parameters: fn x::{closure#0}(_1: T, _2: U) -> R {
                for m in re.finditer(r"(_\d+): ((?:[^,()]|\([^()]*\))+)", line.split("->")[0]):
                    types[m.group(1)] = m.group(2).strip()
            m = re.match(r"\s*let (?:mut )?(_\d+): (.*?);\s*//", line)
            if m:
                types[m.group(1)] = m.group(2)
            m = re.match(r"\s*debug (\w+) => (_\d+);\s*// in scope \d+ at main\.rs:(\d+):(\d+):", line)
            if m:
                debugs.append(((int(m.group(3)), int(m.group(4)) - 1, m.group(1)), m.group(2)))
        flush()
        return out, ""


def main():
    for fixture in sys.argv[1:]:
        text = open(fixture).read()
        _, source = checked_file(text)
        got, err = rustc_bindings(source)
        print("==", fixture)
        if got is None:
            print("  rustc: does not compile")
            print("\n".join("    " + l for l in err.splitlines() if l.startswith("error")))
            continue
        expected = fixture[:-3] + ".expected"
        if not os.path.exists(expected):
            for (l, c, n), t in sorted(got.items()):
                print(f"  {l}:{c} {n}: {t}")
            continue
        for line in open(expected).read().splitlines():
            m = re.match(r"  (\d+):(\d+) (\w+): (.*)$", line)
            if not m:
                continue
            key = (int(m.group(1)), int(m.group(2)), m.group(3))
            ours = m.group(4)
            theirs = got.get(key)
            if theirs is None:  # `mut x`, `ref x`: rustc's span starts at the keyword
                same = [t for (l, c, n), t in got.items() if l == key[0] and n == key[2] and c < key[1]]
                theirs = same[-1] if len(same) == 1 else None
            if theirs is None:
                print(f"  {line.strip()}   (rustc: no binding)")
            elif theirs != ours:
                print(f"  {line.strip()}   rustc: {theirs}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds the seed corpora of the engine fuzzers in a folder outside the repository.

Usage: fuzz/make_seeds.py OUT_DIR [--std LIBRARY_DIR]

  OUT_DIR/query/  Rust files: core, alloc and std's sources (RUST_SRC_PATH, else the
                  newest /usr/src/rustc-*/library), the minicore and every .rs fixture of
                  tests/fixtures (ide, types, expand, syntax, item_tree): the cursor is
                  their `$0`, which ferret_query_fuzzer reads.
  OUT_DIR/lsp/    byte streams for ferret_lsp_fuzzer: each tests/fixtures/lsp transcript
                  as the framed messages it sends (the workspace at /ws, as the fuzzer's
                  memory world has it; `initialize` left out, the fuzzer sends it), and
                  for each ide and types fixture with a `$0`: didOpen, then completion,
                  definition, hover and signature help at the cursor, a `.` typed there,
                  completion again, didClose.

Files are named by the hash of their content, so running it again adds nothing twice.
"""
import glob
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
HELLO = os.path.join(ROOT, "examples", "hello")
WS = "/ws"


def frame(body):
    data = body.encode() if isinstance(body, str) else body
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def message(obj):
    return frame(json.dumps(obj))


def put(folder, data, suffix):
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16] + suffix
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def std_library(arg):
    if arg:
        return arg
    if os.environ.get("RUST_SRC_PATH"):
        return os.environ["RUST_SRC_PATH"]
    found = sorted(glob.glob("/usr/src/rustc-*/library"), key=lambda p: [int(x) if x.isdigit() else x for x in p.replace("-", ".").split(".")])
    return found[-1] if found else ""


def rust_fixtures():
    for kind in ("ide", "types", "expand", "syntax", "item_tree"):
        yield from sorted(glob.glob(os.path.join(FIXTURES, kind, "**", "*.rs"), recursive=True))
    yield from sorted(glob.glob(os.path.join(FIXTURES, "minicore", "*.rs")))


def transcript_stream(path):
    out = b""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.startswith("--> "):
            continue
        body = line[4:].replace("$ROOT_URI", "file://" + WS).replace("$ROOT", WS)
        if body.startswith("open "):
            rel = body[5:]
            text = open(os.path.join(HELLO, rel), encoding="utf-8").read()
            out += message({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                            "params": {"textDocument": {"uri": "file://%s/%s" % (WS, rel), "languageId": "rust",
                                                        "version": 1, "text": text}}})
        elif body.startswith("raw "):
            out += json.loads(body[4:]).encode("utf-8", "surrogateescape")
        else:
            body = body.replace("$BIG_10MB", "fn big() {}\\n" * 50)
            try:
                if json.loads(body).get("method") == "initialize":
                    continue
            except (ValueError, AttributeError):
                pass
            out += frame(body)
    return out


def position(text, offset):
    before = text[:offset]
    line = before.count("\n")
    col = len(before) - (before.rfind("\n") + 1)
    return {"line": line, "character": len(before[len(before) - col:].encode("utf-16-le")) // 2}


def query_stream(fixture_text):
    at = fixture_text.find("$0")
    text = fixture_text.replace("$0", "", 1)
    uri = "file://%s/src/main.rs" % WS
    doc = {"uri": uri}
    pos = position(text, at)
    out = message({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": uri, "languageId": "rust", "version": 1, "text": text}}})
    for i, method in enumerate(("textDocument/completion", "textDocument/definition", "textDocument/hover",
                                "textDocument/signatureHelp"), start=1):
        out += message({"jsonrpc": "2.0", "id": i, "method": method, "params": {"textDocument": doc, "position": pos}})
    out += message({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": 2},
                               "contentChanges": [{"range": {"start": pos, "end": pos}, "text": "."}]}})
    after = {"line": pos["line"], "character": pos["character"] + 1}
    out += message({"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": doc, "position": after}})
    out += message({"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentSymbol", "params": {"textDocument": doc}})
    out += message({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": doc}})
    return out


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    out = os.path.abspath(args[0])
    if out == ROOT or out.startswith(ROOT + os.sep):
        print("make_seeds.py: write the corpora outside the repository", file=sys.stderr)
        return 2
    std = std_library(args[2] if len(args) > 2 and args[1] == "--std" else "")
    query, lsp = os.path.join(out, "query"), os.path.join(out, "lsp")
    count = {"query": 0, "lsp": 0}
    if std and os.path.isdir(os.path.join(std, "core")):
        for crate in ("core", "alloc", "std"):
            for path in sorted(glob.glob(os.path.join(std, crate, "src", "**", "*.rs"), recursive=True)):
                put(query, open(path, "rb").read(), ".rs")
                count["query"] += 1
    else:
        print("make_seeds.py: no std sources found (RUST_SRC_PATH); fixtures only", file=sys.stderr)
    for path in rust_fixtures():
        data = open(path, "rb").read()
        put(query, data, ".rs")
        count["query"] += 1
        text = data.decode("utf-8", "replace")
        if "$0" in text and ("/ide/" in path or "/types/" in path):
            put(lsp, query_stream(text), ".lsp")
            count["lsp"] += 1
    for path in sorted(glob.glob(os.path.join(FIXTURES, "lsp", "*.lsp"))):
        put(lsp, transcript_stream(path), ".lsp")
        count["lsp"] += 1
    print("make_seeds.py: %d query seeds in %s, %d lsp seeds in %s" % (count["query"], query, count["lsp"], lsp))
    return 0


if __name__ == "__main__":
    sys.exit(main())

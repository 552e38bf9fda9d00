#!/usr/bin/env python3
"""type_oracle: ferret's inferred types of `let` bindings against rustc's own answer.

usage: bench/type_oracle.py FERRET_BINARY [--per-crate N (60)] [--seed S (7)]
           [--crates a,b,...] [--json OUT] [--verbose] [--keep DIR]
           [--cargo CARGO] [--rustc RUSTC|auto]

What it measures.  On real crates (default: regex, serde, serde_json, clap, itertools,
anyhow, log, as Debian ships them under /usr/share/cargo/registry; the one version
present, the newest if several), it samples `let NAME = EXPR;` / `let mut NAME = ...;` /
`let NAME: TYPE = ...;` statements of src/ and asks two parties for NAME's type:

  rustc   Each crate is copied twice into a temp workspace that resolves offline against
          the registry (dev-dependencies dropped; an optional dependency the registry
          lacks is dropped with the features that need it, see resolve()).  In the second
          copy a probe follows every candidate `let` on the same line (no line shifts):

              let mut v = Vec::new(); (v,) as ();

          `cargo check --message-format=json` (default features, lints capped) then
          reports E0605 "non-primitive cast: `(Vec<u8>,)` as `()`" for each probe that was
          type-checked.  Why a cast and not `let _: () = v;` (E0308): rustc checks casts
          after the body's inference and integer fallback, so the type is the final one
          whatever follows the probe (`v.push(1u8)` later -> `Vec<u8>`, an unconstrained
          `0` -> `i32`, `Default::default()` used later as u32 -> `u32`), while E0308 is
          reported with the types known at the probe (`Vec<_>`, `{integer}`).  The 1-tuple
          makes even `()` (and `!`, which falls back to `()`) an error, so "no diagnostic"
          reliably means "not compiled" (cfg'd out, #[cfg(test)], not in the module tree):
          such bindings count as "no oracle" and are dropped from the sample.  Probes are
          matched to diagnostics by exact byte offset.  (An eager `let _: () = NAME;`
          probe is worse than stale: where NAME's type is still open it unifies it with
          `()` and breaks the rest of the function.)
  ferret  `FERRET_BINARY type LINE COL FILE` on the unmodified copy (LINE 1-based, COL the
          0-based byte column of NAME, cwd the crate copy, FERRET_CACHE_DIR fresh per run,
          RUST_SRC_PATH the Debian std sources unless set).  It prints one line: the type
          as rustc renders it, or `{unknown}`.  A non-zero exit, a timeout or an empty
          answer counts as unknown.

Candidates: NAME a plain lower-case identifier (not `_`, no `ref`, no tuple/struct
pattern), the `let` starts a statement directly inside a `{}` block, no attribute on it,
not inside a macro invocation or macro_rules! (comments and strings are blanked first).
All candidates of a crate are probed in one cargo check; then, in a seeded random order,
bindings are taken until N have an oracle answer ("sampled" counts all that were looked
at, "no oracle" those without an answer).

Both types are normalized the same way before comparing: lifetimes dropped (`'a`, `'_`,
`'static`, `for<'a>`), leading module paths dropped (`std::vec::Vec` -> `Vec`, any
lower-case `seg::`), projections `<T as Trait>::Name` -> `T::Name`, `(dyn X)` -> `dyn X`,
spacing canonical; closures compare as `{closure}` (a ferret `|..| ..` also counts), fn
items' `{path::name}` as `{name}`.  Agreement % = agree / with-oracle.  Non-agreements are
categorized: ferret unknown; ferret partial (`{unknown}` or `_` inside); closure/fn item;
integer/float default; reference/deref mismatch (differ only in leading `&`/`&mut`/raw
pointer); projection/impl Trait (rustc answer holds `impl ..` or `X::Name`); wrong type
constructor (outermost differs); same constructor, wrong arguments; other.

The last line is exactly `type-oracle: A/B agree (P%) over C crates`.  --verbose lists
each disagreement as `crate file:line name: rustc=... ferret=...`; --json writes every
row (no-oracle ones too); --keep DIR keeps the workspaces (both copies, cargo's JSON).

Toolchain: the oracle should see the same std that ferret reads.  By default (--rustc
auto) the script uses Debian's /usr/bin/rustc + /usr/bin/cargo when their version
matches the std sources in RUST_SRC_PATH (e.g. /usr/src/rustc-1.63.0/library), else
`rustc`/`cargo` from PATH, and says which on stderr.  cargo runs the crates' build
scripts: acceptable here, rustc is only the reference oracle (ferret never runs code).

Python 3.11 standard library only.
"""
import argparse, bisect, glob, json, os, random, re, shutil, subprocess, sys, tempfile, time, tomllib

REGISTRY = '/usr/share/cargo/registry'
DEFAULT_CRATES = ['regex', 'serde', 'serde_json', 'clap', 'itertools', 'anyhow', 'log']
KEYWORDS = set('as async await box break const continue crate dyn else enum extern false fn for if impl in '
               'let loop match mod move mut pub ref return self Self static struct super trait true type '
               'union unsafe use where while yield'.split())


def log(msg):
    sys.stderr.write(msg + '\n')
    sys.stderr.flush()


# ---------------------------------------------------------------------------------------
# Source scanning (scrub() follows the recall runner's scrubbing, plus raw byte/C strings)

def scrub(src):
    """Blank out comments, strings and char literals, keeping offsets and newlines."""
    out = list(src); i = 0; n = len(src)

    def blank(a, b):
        for k in range(a, min(b, n)):
            if out[k] != '\n': out[k] = ' '
    while i < n:
        c = src[i]
        if c == '/' and src.startswith('//', i):
            j = src.find('\n', i); j = n if j < 0 else j; blank(i, j); i = j
        elif c == '/' and src.startswith('/*', i):
            depth = 0; j = i
            while j < n:
                if src.startswith('/*', j): depth += 1; j += 2
                elif src.startswith('*/', j):
                    depth -= 1; j += 2
                    if depth == 0: break
                else: j += 1
            blank(i, j); i = j
        elif c in 'rbc' and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == '_')) and \
                re.match(r'(?:br|cr|r)#*"', src[i:i + 12]):
            m = re.match(r'(?:br|cr|r)(#*)"', src[i:]); hashes = m.group(1)
            end = src.find('"' + hashes, i + len(m.group(0)))
            j = n if end < 0 else end + 1 + len(hashes); blank(i, j); i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == '\\' else 1
            blank(i, j + 1); i = j + 1
        elif c == "'":
            m = re.match(r"'(\\.|\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|[^\\'])'", src[i:i + 14])
            if m: blank(i, i + len(m.group(0))); i += len(m.group(0))
            else: i += 1  # lifetime or label
        else:
            i += 1
    return ''.join(out)


MACRO_BEFORE = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)\s*!\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*)?$')
LET_HEAD = re.compile(r'let\s+(mut\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(::|:|==|=>|=|;|@|\(|\{)?')


def is_macro_opener(s, pos):
    m = MACRO_BEFORE.search(s, max(0, pos - 120), pos)
    return bool(m) and m.group(1) not in KEYWORDS


def candidates_in(text):
    """Yield (let_offset, name_offset, name, annotated, end_offset) for candidate lets.

    end_offset is the index of the `;` that ends the statement (offsets into text)."""
    s = scrub(text)
    n = len(s)
    # bracket matching
    match = {}
    stack = []
    lets = []
    for m in re.finditer(r'[{}()\[\]]|\blet\b', s):
        t = m.group(0)
        if t == 'let':
            lets.append((m.start(), tuple(stack)))
        elif t in '{([':
            stack.append(m.start())
        else:
            if stack:
                o = stack.pop()
                if s[o] + t in ('{}', '()', '[]'):
                    match[o] = m.start()
                else:
                    return  # unbalanced: give up on this file
    if stack:
        return
    for off, enclosing in lets:
        if not enclosing or s[enclosing[-1]] != '{':
            continue
        if any(is_macro_opener(s, o) for o in enclosing):
            continue
        k = off - 1
        while k >= 0 and s[k].isspace(): k -= 1
        if k >= 0 and s[k] not in '{;}':
            continue  # `if let`, `&& let`, an attribute before it, ...
        if '$' in s[off:off + 200].split(';', 1)[0]:
            continue
        m = LET_HEAD.match(s, off)
        if not m: continue
        name, sep = m.group(2), m.group(3)
        if name in KEYWORDS or name == '_' or not (name[0].islower() or name[0] == '_') or sep not in (':', '='):
            continue
        name_off = m.start(2)
        j = m.end()
        annotated = sep == ':'
        if annotated:
            # skip the type to its `=` (angle brackets counted, `->` is not a `>`)
            angle = 0
            while j < n:
                c = s[j]
                if c in '([{':
                    j = match.get(j, n) + 1; continue
                if c in ')]}' or c == ';':
                    j = -1; break
                if c == '-' and s.startswith('->', j): j += 2; continue
                if c == '<': angle += 1
                elif c == '>': angle -= 1
                elif c == '=' and angle <= 0:
                    if s.startswith('==', j) or s.startswith('=>', j): j = -1
                    break
                j += 1
            if j < 0 or j >= n: continue
            j += 1
        # the initializer runs to the first `;` outside brackets
        end = -1
        while j < n:
            c = s[j]
            if c in '([{':
                j = match.get(j, n) + 1; continue
            if c in ')]}': break
            if c == ';': end = j; break
            j += 1
        if end < 0: continue
        yield off, name_off, name, annotated, end


def rs_files(d):
    for root, dirs, files in os.walk(d):
        dirs[:] = sorted(x for x in dirs if x not in ('target', '.git'))
        for f in sorted(files):
            if f.endswith('.rs'): yield os.path.join(root, f)


# ---------------------------------------------------------------------------------------
# Workspaces

def crate_dir(name):
    if os.path.isdir(name):
        return os.path.abspath(name)
    best = None
    for entry in os.listdir(REGISTRY):
        m = re.fullmatch(re.escape(name) + r'-(\d+)\.(\d+)\.(\d+)(.*)', entry)
        if m:
            v = tuple(int(x) for x in m.groups()[:3])
            if best is None or v > best[0]:
                best = (v, os.path.join(REGISTRY, entry))
    return best[1] if best else None


def prepare(src, root):
    dst = os.path.join(root, 'ferret', os.path.basename(src.rstrip('/')))
    shutil.copytree(src, dst, symlinks=True, ignore=shutil.ignore_patterns('target', '.git'))
    toml = os.path.join(dst, 'Cargo.toml')
    text = open(toml).read()
    # drop [dev-dependencies] and [dev-dependencies.*] tables: they rarely resolve offline
    text = re.sub(r'(?ms)^\[[^\]\n]*dev-dependencies[^\]\n]*\].*?(?=^\[|\Z)', '', text)
    open(toml, 'w').write(text)
    os.makedirs(os.path.join(dst, '.cargo'), exist_ok=True)
    open(os.path.join(dst, '.cargo', 'config.toml'), 'w').write(
        '[source.crates-io]\nreplace-with = "local-registry"\n[source.local-registry]\ndirectory = "%s"\n' % REGISTRY)
    return dst


def drop_optional_dep(dst, dep):
    """Remove optional dependency `dep` (a crate the registry lacks) from Cargo.toml and
    switch off every feature that would enable it.  Returns the features switched off, or
    None when `dep` is not an optional dependency (then the crate cannot be used)."""
    toml = os.path.join(dst, 'Cargo.toml')
    text = open(toml).read()
    data = tomllib.loads(text)
    tables = [('dependencies', data.get('dependencies', {})), ('build-dependencies', data.get('build-dependencies', {}))]
    for tname, tdata in data.get('target', {}).items():
        for kind in ('dependencies', 'build-dependencies'):
            if kind in tdata: tables.append(('target.%s.%s' % (tname, kind), tdata[kind]))
    keys = set()
    for tname, deps in tables:
        for key, spec in deps.items():
            pkg = spec.get('package', key) if isinstance(spec, dict) else key
            if pkg == dep:
                if not (isinstance(spec, dict) and spec.get('optional')):
                    return None
                keys.add(key)
                # remove `[tname.key]` tables and `key = ...` lines inside `[tname]`
                hdr = re.escape(tname).replace(r'\'', '[\'"]?')
                text = re.sub(r'(?ms)^\[%s\.["\']?%s["\']?\]\s*$.*?(?=^\[|\Z)' % (hdr, re.escape(key)), '', text)
                text = re.sub(r'(?ms)(^\[%s\]\s*$.*?)^["\']?%s["\']?\s*=[^\n]*\n' % (hdr, re.escape(key)), r'\1', text)
    if not keys:
        return None
    feats = data.get('features', {})
    off = set(keys)
    # a feature that enables the dropped dep (`x`, `dep:x`, `x/f`; not the weak `x?/f`) is
    # switched off; features that merely list such a feature just lose that entry, so
    # `default` and umbrella features stay on
    for f, lst in feats.items():
        if f != 'default' and any((e[4:] if e.startswith('dep:') else e).split('/', 1)[0] in keys for e in lst):
            off.add(f)
    new_feats = {}
    for f, lst in feats.items():
        if f in off:
            new_feats[f] = []
            continue
        keep = []
        for e in lst:
            e2 = e[4:] if e.startswith('dep:') else e
            base = e2.split('/', 1)[0].rstrip('?')
            if base in off: continue
            keep.append(e)
        new_feats[f] = keep
    for k in keys:
        new_feats.pop(k, None)
    body = '[features]\n' + ''.join('%s = [%s]\n' % (json.dumps(f), ', '.join(json.dumps(e) for e in lst))
                                    for f, lst in new_feats.items()) + '\n'
    if re.search(r'(?m)^\[features\]\s*$', text):
        text = re.sub(r'(?ms)^\[features\]\s*$.*?(?=^\[|\Z)', lambda _: body, text)
    else:
        text += '\n' + body
    open(toml, 'w').write(text)
    tomllib.loads(text)  # still valid
    return sorted(off - keys)


def resolve(dst, cargo, env):
    """cargo generate-lockfile --offline; drop optional deps the registry lacks."""
    notes = []
    for _ in range(10):
        p = subprocess.run([cargo, 'generate-lockfile', '--offline'], cwd=dst, env=env, capture_output=True, text=True)
        if p.returncode == 0:
            return True, notes
        m = re.search(r'no matching package named `([^`]+)` found', p.stderr) or \
            re.search(r'failed to select a version for the requirement `([^ `]+) =', p.stderr)
        if not m:
            return False, notes + [p.stderr.strip()[-600:]]
        off = drop_optional_dep(dst, m.group(1))
        if off is None:
            return False, notes + ['dependency %s not in the registry and not optional' % m.group(1)]
        notes.append('dropped optional dependency %s (features switched off: %s)' % (m.group(1), ', '.join(off) or 'none'))
    return False, notes


# ---------------------------------------------------------------------------------------
# The rustc oracle

def version_of(binary):
    try:
        out = subprocess.run([binary, '--version'], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'(\d+\.\d+\.\d+)', out)
    return m.group(1) if m else None


def std_version(rust_src):
    m = re.search(r'rustc-(\d+\.\d+\.\d+)', rust_src or '')
    if m: return m.group(1)
    for cand in (os.path.join(rust_src or '', '..', 'version'), os.path.join(rust_src or '', 'version')):
        try: return open(cand).read().split()[0]
        except (OSError, IndexError): pass
    return None


def probe_text(name):
    return '(%s,) as ();' % name


def write_probed(ferret_copy, probed_copy, by_file, dropped_files):
    """Write the probed copy's sources.  by_file: rel -> list of binding dicts (with
    'end' = index of the let's `;` in the original text).  Sets b['probe'] =
    (byte_start, byte_end) in the probed file, or None."""
    for rel, bs in by_file.items():
        src = os.path.join(ferret_copy, rel)
        text = open(src, encoding='utf-8', newline='').read()
        active = [] if rel in dropped_files else [b for b in bs if b.get('active', True)]
        for b in bs: b['probe'] = None
        active.sort(key=lambda b: b['end'])
        pieces = []; pos = 0; nbytes = 0
        for b in active:
            cut = b['end'] + 1
            chunk = text[pos:cut]
            pieces.append(chunk); nbytes += len(chunk.encode('utf-8'))
            probe = ' ' + probe_text(b['name'])
            start = nbytes + 1
            pieces.append(probe); nbytes += len(probe.encode('utf-8'))
            b['probe'] = (start, nbytes)
            pos = cut
        pieces.append(text[pos:])
        with open(os.path.join(probed_copy, rel), 'w', encoding='utf-8', newline='') as f:
            f.write(''.join(pieces))


def cargo_check(crate, cargo, env, log_path=None):
    p = subprocess.run([cargo, 'check', '--offline', '--message-format=json'], cwd=crate, env=env,
                       capture_output=True, text=True)
    if log_path:
        open(log_path, 'w').write(p.stdout)
        open(log_path + '.stderr', 'w').write(p.stderr)
    msgs = []
    for line in p.stdout.splitlines():
        try: obj = json.loads(line)
        except ValueError: continue
        if obj.get('reason') == 'compiler-message':
            msgs.append(obj['message'])
    return p.returncode, msgs, p.stderr


CAST_MSG = re.compile(r'non-primitive cast: `\((.*),\)` as `\(\)`\Z', re.S)


def oracle(crate_name, ferret_copy, probed_copy, by_file, cargo, env, keep_logs):
    """Fill b['rustc'] for every binding that got an answer.  Returns (ok, note)."""
    dropped = set()
    for attempt in range(4):
        write_probed(ferret_copy, probed_copy, by_file, dropped)
        index = {}
        for rel, bs in by_file.items():
            starts = sorted((b['probe'][0], b['probe'][1], b) for b in bs if b['probe'])
            index[os.path.normpath(os.path.join(probed_copy, rel))] = starts
        log_path = os.path.join(os.path.dirname(probed_copy), '%s.check%d.json' % (crate_name, attempt)) if keep_logs else None
        t0 = time.monotonic()
        rc, msgs, stderr = cargo_check(probed_copy, cargo, env, log_path)
        log('  %s: cargo check with %d probes: exit %d, %d diagnostics, %.1fs' % (
            crate_name, sum(len(v) for v in index.values()), rc, len(msgs), time.monotonic() - t0))
        answers = {}
        stray = []
        for msg in msgs:
            if msg.get('level') not in ('error', 'error: internal compiler error'):
                continue
            prim = [sp for sp in msg.get('spans', []) if sp.get('is_primary')]
            if not prim:
                continue  # "aborting due to ..."
            hit = None
            for sp in prim:
                f = sp['file_name']
                f = os.path.normpath(f if os.path.isabs(f) else os.path.join(probed_copy, f))
                starts = index.get(f, [])
                i = bisect.bisect_right(starts, (sp['byte_start'], float('inf'))) - 1
                i = max(i, 0)
                for a, z, b in starts[max(0, i - 1):i + 2]:
                    if a <= sp['byte_start'] < z:
                        hit = b; break
                if hit: break
            code = (msg.get('code') or {}).get('code')
            t = None
            if hit is not None and code == 'E0605':
                m = CAST_MSG.match(msg['message'])
                t = m.group(1) if m else None
            if hit is None or t is None:
                sp = prim[0]
                stray.append((sp['file_name'], sp['line_start'], msg['message'].splitlines()[0][:160]))
                continue
            answers.setdefault(id(hit), (hit, set()))[1].add(t)
        if not stray:
            for rel, bs in by_file.items():
                for b in bs:
                    got = answers.get(id(b))
                    if b['probe'] is None:
                        b['rustc'] = None; b['why'] = 'probe removed'
                    elif got is None:
                        b['rustc'] = None; b['why'] = 'not type-checked'
                    elif len(got[1]) > 1:
                        b['rustc'] = None; b['why'] = 'several answers: ' + ' | '.join(sorted(got[1]))
                    else:
                        b['rustc'] = next(iter(got[1]))
            note = ('probes removed in %s' % ', '.join(sorted(dropped))) if dropped else ''
            return True, note
        # errors that are not our probes: drop the probes of those files and retry
        files = set()
        for fname, line, text in stray[:20]:
            log('    not a probe answer: %s:%s: %s' % (fname, line, text))
        for fname, line, text in stray:
            rel = os.path.relpath(os.path.normpath(fname if os.path.isabs(fname) else os.path.join(probed_copy, fname)), probed_copy)
            if rel in by_file and rel not in dropped:
                files.add(rel)
        if not files:
            return False, 'cargo check fails for reasons other than the probes: ' + '; '.join(
                '%s:%s: %s' % x for x in stray[:3])
        dropped |= files
        log('    retrying without the probes of %s' % ', '.join(sorted(files)))
    return False, 'cargo check still fails after removing probes'


# ---------------------------------------------------------------------------------------
# Normalization and comparison

TOK = re.compile(r"\s+|(?P<atom>\{[^{}]*\}|\[(?:closure|async block|async closure|generator|coroutine)@[^\]]*\])"
                 r"|(?P<lt>'[A-Za-z_][A-Za-z0-9_]*)|(?P<id>[A-Za-z_$][A-Za-z0-9_]*|[0-9]+)|(?P<p>::|->|\S)")
INTS = {'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize'}
FLOATS = {'f32', 'f64'}


def is_word(t):
    return t[0].isalnum() or t[0] in '_{$'


def tokenize(s):
    out = []
    for m in TOK.finditer(s):
        if m.group('atom'):
            a = m.group('atom')
            inner = a[1:-1]
            if re.match(r'(closure|async block|async closure|generator|coroutine)@', inner):
                out.append('{closure}' if inner.startswith(('closure', 'async closure')) else '{%s}' % inner.split('@')[0])
            elif inner in ('integer', 'float', 'unknown', 'error'):
                out.append(a)
            else:  # fn item name: `{core::str::<impl str>::len}` -> `{len}`
                inner = re.sub(r'::<[^<>]*(?:<[^<>]*>[^<>]*)*>', '', inner)
                out.append('{%s}' % inner.rsplit('::', 1)[-1].strip())
        elif m.group('lt'):
            out.append("'")
        elif m.group('id') or m.group('p'):
            out.append(m.group(0))
    return out


def matching(toks, i, open_='<', close='>'):
    d = 0
    for j in range(i, len(toks)):
        if toks[j] in (open_, '(', '['): d += 1
        elif toks[j] in (close, ')', ']'): d -= 1
        if d == 0: return j
    return None


def normalize(s):
    if s is None: return None
    toks = tokenize(s.strip())
    # lifetimes: drop them and the separators they leave
    changed = True
    while changed:
        changed = False
        new = []
        for i, t in enumerate(toks):
            if t == "'":
                changed = True; continue
            new.append(t)
        toks = new
        out = []
        for t in toks:
            if t == ',' and out and out[-1] in ('<', ','): changed = True; continue
            if t == '>' and out and out[-1] == ',' and len(out) > 1 and out[-2] != '(':
                out.pop(); changed = True
            if t == '>' and out and out[-1] == '<':
                out.pop(); changed = True
                if out and out[-1] == 'for': out.pop()
                continue
            if t in ('>', ')', ',') and out and out[-1] == '+':
                out.pop(); changed = True
            if t == '+' and out and out[-1] in ('+', '<', '(', ',', 'dyn', 'impl'):
                changed = True; continue
            out.append(t)
        if out and out[-1] == '+': out.pop(); changed = True
        toks = out
    # projections `<X as Trait>::Name` -> `X::Name`
    while True:
        done = True
        for i, t in enumerate(toks):
            if t != 'as': continue
            d = 0; lt = None
            for j in range(i - 1, -1, -1):
                if toks[j] in ('>', ')', ']'): d += 1
                elif toks[j] in ('(', '['): d -= 1
                elif toks[j] == '<':
                    if d == 0: lt = j; break
                    d -= 1
            gt = matching(toks, lt) if lt is not None else None
            if gt is not None and gt + 1 < len(toks) and toks[gt + 1] == '::':
                toks = toks[:lt] + toks[lt + 1:i] + toks[gt + 1:]
                done = False; break
        if done: break
    # module paths: drop `seg::` for lower-case segments (and `crate`, `self`, `super`, `$crate`)
    out = []
    for i, t in enumerate(toks):
        if t == '::' and (not out or not is_word(out[-1]) and out[-1] != '>'):
            continue
        if i + 1 < len(toks) and toks[i + 1] == '::' and (t.lstrip('_')[:1].islower() or t[0] == '$') \
                and t not in INTS and t not in FLOATS and t not in ('str', 'bool', 'char'):
            continue
        out.append(t)
    toks = out
    # leftover `::` after a dropped segment
    out = []
    for t in toks:
        if t == '::' and (not out or out[-1] in ('<', ',', '(', '&', '[', 'dyn', 'impl', 'mut', 'const', '=', '->', '::')):
            continue
        out.append(t)
    toks = out
    # `(dyn X)` / `(impl X)` -> `dyn X`
    i = 0
    while i < len(toks):
        if toks[i] == '(' and i + 1 < len(toks) and toks[i + 1] in ('dyn', 'impl') and \
                not (i > 0 and (is_word(toks[i - 1]))):
            j = matching(toks, i, '(', ')')
            if j is not None and toks[j - 1] != ',':
                toks = toks[:i] + toks[i + 1:j] + toks[j + 1:]
                continue
        i += 1
    # render
    r = ''
    prev = None
    for t in toks:
        if prev is not None:
            if (prev in (',', ';') and t != ')') or prev in ('mut', 'const', 'dyn', 'impl', 'as', 'unsafe') or t in ('->', '=', '+') or prev in ('->', '=', '+') or \
                    (is_word(prev) and is_word(t)) or (t[0] == '{' and len(t) > 1):
                r += ' '
        r += t
        prev = t
    return r


def head(n):
    toks = tokenize(n)
    if not toks: return ''
    t = toks[0]
    if t == '&': return '&mut' if len(toks) > 1 and toks[1] == 'mut' else '&'
    if t == '*': return '*' + (toks[1] if len(toks) > 1 else '')
    if t == '(': return '()' if n == '()' else 'tuple'
    if t == '[':
        j = matching(toks, 0, '[', ']')
        return 'array' if j and ';' in toks[1:j] else 'slice'
    if t in ('dyn', 'impl'): return t + ' ' + (toks[1] if len(toks) > 1 else '')
    out = []
    for x in toks:
        if x in ('<', '(', ' '): break
        out.append(x)
    return ''.join(out)


def strip_refs(n):
    return re.sub(r'^(?:&(?:mut )?|\*(?:const|mut) )+', '', n)


def is_closure(n):
    return n.startswith('{closure}') or n.startswith('|') or n.startswith('{async')


def is_fn_item(n):
    return bool(re.search(r'\{[^{}]*\}$', n)) and n.startswith(('fn(', 'unsafe fn(', 'extern', 'const fn'))


def classify(rustc, ferret, ferret_ok):
    """-> (verdict, category).  verdict: agree | disagree | unknown."""
    rn, fn = normalize(rustc), (normalize(ferret) if ferret_ok else None)
    if not ferret_ok or fn in (None, '', '{unknown}', '_', '{error}'):
        return 'unknown', 'ferret unknown'
    if is_closure(rn):
        if is_closure(fn) or fn.startswith('{closure'):
            return 'agree', None
        return 'disagree', 'closure/fn item'
    if rn == fn:
        return 'agree', None
    if is_fn_item(rn) or is_fn_item(fn) or is_closure(fn):
        return 'disagree', 'closure/fn item'
    ftoks = tokenize(fn)
    if ('{unknown}' in ftoks or '_' in ftoks or '{error}' in ftoks) and head(rn) == head(fn):
        return 'disagree', 'ferret partial'  # right as far as it goes
    num = lambda x: re.sub(r'\b(?:[iu](?:8|16|32|64|128|size))\b|\{integer\}', 'INT',
                           re.sub(r'\bf(?:32|64)\b|\{float\}', 'FLOAT', x))
    if num(rn) == num(fn) and re.search(r'\bi32\b|\bf64\b|\{integer\}|\{float\}', rn + ' ' + fn):
        return 'disagree', 'integer/float default'
    if strip_refs(rn) == strip_refs(fn):
        return 'disagree', 'reference/deref mismatch'
    if 'impl ' in rn or re.search(r'\b[A-Z][A-Za-z0-9_]*(?:<[^<>]*>)?::[A-Za-z_]', rn):
        return 'disagree', 'projection/impl Trait'
    if head(rn) != head(fn):
        return 'disagree', 'wrong type constructor'
    if head(rn):
        return 'disagree', 'same constructor, wrong arguments'
    return 'disagree', 'other'


CATEGORIES = ['ferret unknown', 'ferret partial', 'closure/fn item', 'integer/float default',
              'reference/deref mismatch', 'projection/impl Trait', 'wrong type constructor',
              'same constructor, wrong arguments', 'other']


# ---------------------------------------------------------------------------------------
# ferret

def ask_ferret(binary, b, cwd, env):
    for attempt in range(4):  # an OSError is usually the binary being relinked: retry
        t0 = time.monotonic()
        try:
            p = subprocess.run([binary, 'type', str(b['line']), str(b['col']), b['path']], cwd=cwd, env=env,
                               capture_output=True, text=True, timeout=120)
            rc, out, err = p.returncode, p.stdout, p.stderr
            break
        except subprocess.TimeoutExpired:
            rc, out, err = 'timeout', '', ''
            break
        except OSError as e:
            rc, out, err = 'oserror', '', str(e)
            time.sleep(3)
    dt = time.monotonic() - t0
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    answer = lines[0] if rc == 0 and lines else None
    ok = answer is not None and '\t' not in answer and not answer.startswith(('MATCH', 'PREFIX', 'END', 'error'))
    return (answer if ok else None), ok, rc, dt, err.strip()[-200:]


# ---------------------------------------------------------------------------------------

def pick_toolchain(args, rust_src):
    if args.rustc != 'auto':
        rustc = args.rustc
        cargo = args.cargo or ('cargo' if os.path.basename(rustc) == 'rustc' and os.path.dirname(rustc) == '' else
                               os.path.join(os.path.dirname(rustc), 'cargo'))
        return cargo, rustc
    want = std_version(rust_src)
    path_rustc = shutil.which('rustc')
    options = []
    if os.path.exists('/usr/bin/rustc') and os.path.exists('/usr/bin/cargo'):
        options.append(('/usr/bin/cargo', '/usr/bin/rustc'))
    if path_rustc:
        options.append((shutil.which('cargo') or 'cargo', path_rustc))
    for cargo, rustc in options:
        if want and version_of(rustc) == want:
            return args.cargo or cargo, rustc
    cargo, rustc = (options[-1] if options else ('cargo', 'rustc'))
    return args.cargo or cargo, rustc


def main():
    ap = argparse.ArgumentParser(description='ferret let-binding types vs rustc (see the header of this file)')
    ap.add_argument('ferret')
    ap.add_argument('--per-crate', type=int, default=60)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--crates', default=','.join(DEFAULT_CRATES))
    ap.add_argument('--json')
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--keep')
    ap.add_argument('--cargo')
    ap.add_argument('--rustc', default='auto')
    args = ap.parse_args()
    binary = os.path.abspath(args.ferret)

    rust_src = os.environ.get('RUST_SRC_PATH')
    if not rust_src:
        libs = sorted(glob.glob('/usr/src/rustc-*/library'),
                      key=lambda p: [int(x) for x in re.findall(r'\d+', p.split('rustc-')[1])])
        rust_src = libs[-1] if libs else None
    cargo, rustc = pick_toolchain(args, rust_src)
    rv, sv = version_of(rustc), std_version(rust_src)
    log('type-oracle: oracle %s (%s) via %s; ferret std sources %s (%s)%s' % (
        rustc, rv, cargo, rust_src, sv, '' if not sv or rv == sv else '  [versions differ]'))

    if args.keep:
        root = os.path.abspath(args.keep)
        os.makedirs(root, exist_ok=True)
        if os.listdir(root):
            sys.exit('--keep %s: the folder is not empty' % root)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix='type-oracle')
        root = cleanup.name
    target = os.path.join(root, 'target')
    cache = os.path.join(root, 'ferret-cache')
    os.makedirs(cache, exist_ok=True)
    cargo_env = dict(os.environ, CARGO_TARGET_DIR=target, RUSTFLAGS='--cap-lints=allow', CARGO_TERM_COLOR='never',
                     RUSTC=rustc)
    cargo_env.pop('RUSTC_WRAPPER', None)
    cargo_env.pop('CARGO_BUILD_RUSTC_WRAPPER', None)
    if os.path.dirname(rustc) == '/usr/bin':  # keep rustup's shims out of Debian cargo's way
        cargo_env['PATH'] = '/usr/bin:/bin:' + cargo_env.get('PATH', '')
    ferret_env = dict(os.environ, FERRET_CACHE_DIR=cache)
    if rust_src: ferret_env['RUST_SRC_PATH'] = rust_src

    rows = []
    per_crate = []
    skipped = []
    try:
        for cname in [c for c in args.crates.split(',') if c]:
            src = crate_dir(cname)
            if not src:
                log('%s: not found under %s' % (cname, REGISTRY)); skipped.append((cname, 'not found')); continue
            label = os.path.basename(src.rstrip('/'))
            log('%s: preparing' % label)
            fcopy = prepare(src, root)
            ok, notes = resolve(fcopy, cargo, cargo_env)
            for n in notes: log('  %s: %s' % (label, n))
            if not ok:
                skipped.append((label, 'lockfile: ' + (notes[-1] if notes else '?'))); continue
            rc, msgs, stderr = cargo_check(fcopy, cargo, cargo_env)
            if rc != 0:
                errs = [m['message'] for m in msgs if m.get('level') == 'error']
                why = (errs[:1] or [stderr.strip().splitlines()[-1] if stderr.strip() else '?'])[0]
                log('  %s: cargo check fails without probes: %s' % (label, why))
                skipped.append((label, 'cargo check: ' + why)); continue
            pcopy = os.path.join(root, 'probed', label)
            shutil.copytree(fcopy, pcopy, symlinks=True)
            # candidates
            by_file = {}
            allb = []
            srcdir = os.path.join(fcopy, 'src')
            for f in rs_files(srcdir):
                rel = os.path.relpath(f, fcopy)
                try: text = open(f, encoding='utf-8', newline='').read()
                except (OSError, UnicodeDecodeError): continue
                starts = [0] + [m.end() for m in re.finditer('\n', text)]
                for off, name_off, name, annotated, end in candidates_in(text) or ():
                    line = bisect.bisect_right(starts, name_off)
                    col = len(text[starts[line - 1]:name_off].encode('utf-8'))
                    b = dict(crate=label, file=rel, path=f, line=line, col=col, name=name,
                             annotated=annotated, end=end)
                    by_file.setdefault(rel, []).append(b); allb.append(b)
            log('  %s: %d candidate lets in %d files' % (label, len(allb), len(by_file)))
            ok, note = oracle(label, fcopy, pcopy, by_file, cargo, cargo_env, bool(args.keep))
            if note: log('  %s: %s' % (label, note))
            if not ok:
                log('  %s: skipped: %s' % (label, note)); skipped.append((label, note)); continue
            rnd = random.Random('%d:%s' % (args.seed, cname))
            order = sorted(allb, key=lambda b: (b['file'], b['line'], b['col']))
            rnd.shuffle(order)
            sample = []
            n_oracle = 0
            for b in order:
                if n_oracle >= args.per_crate: break
                sample.append(b)
                if b['rustc'] is not None: n_oracle += 1
            stats = dict(crate=label, candidates=len(allb),
                         with_oracle_all=sum(1 for b in allb if b['rustc'] is not None),
                         sampled=len(sample), oracle=n_oracle, agree=0, disagree=0, unknown=0)
            log('  %s: %d/%d candidates have an oracle answer; sampled %d, %d with oracle; asking ferret' % (
                label, stats['with_oracle_all'], len(allb), len(sample), n_oracle))
            t0 = time.monotonic()
            for k, b in enumerate(sample):
                row = {k2: b[k2] for k2 in ('crate', 'file', 'line', 'col', 'name', 'annotated', 'rustc')}
                if b['rustc'] is None:
                    row.update(verdict='no oracle', why=b.get('why'))
                    rows.append(row); continue
                answer, fok, frc, secs, ferr = ask_ferret(binary, b, fcopy, ferret_env)
                verdict, cat = classify(b['rustc'], answer, fok)
                row.update(ferret=answer, ferret_rc=frc, secs=round(secs, 3), rustc_norm=normalize(b['rustc']),
                           ferret_norm=normalize(answer) if fok else None, verdict=verdict, category=cat)
                if ferr and not fok: row['ferret_stderr'] = ferr
                rows.append(row)
                stats[verdict] += 1
                if (k + 1) % 20 == 0:
                    log('  %s: ferret %d/%d (%.1fs)' % (label, k + 1, len(sample), time.monotonic() - t0))
            per_crate.append(stats)
    finally:
        if cleanup: cleanup.cleanup()

    if args.json:
        with open(args.json, 'w') as f:
            json.dump(dict(oracle=dict(rustc=rustc, version=rv, cargo=cargo, probe='(NAME,) as ();'),
                           rust_src=rust_src, seed=args.seed, per_crate=args.per_crate,
                           crates=per_crate, skipped=skipped, rows=rows), f, indent=1)
    # report
    judged = [r for r in rows if r['verdict'] != 'no oracle']
    fmt = '%-20s %8s %7s %6s %9s %8s %8s'
    print(fmt % ('crate', 'sampled', 'oracle', 'agree', 'disagree', 'unknown', 'agree%'))
    tot = dict(sampled=0, oracle=0, agree=0, disagree=0, unknown=0)
    for s in per_crate:
        for k in tot: tot[k] += s[k]
        print(fmt % (s['crate'], s['sampled'], s['oracle'], s['agree'], s['disagree'], s['unknown'],
                     '%.1f' % (100.0 * s['agree'] / s['oracle']) if s['oracle'] else '-'))
    print(fmt % ('total', tot['sampled'], tot['oracle'], tot['agree'], tot['disagree'], tot['unknown'],
                 '%.1f' % (100.0 * tot['agree'] / tot['oracle']) if tot['oracle'] else '-'))
    print('(oracle = agree + disagree + unknown; sampled - oracle = no oracle: code not type-checked)')
    ann = [r for r in judged if r['annotated']]
    if judged:
        print('annotated lets: %d of %d, %d agree; inferred lets: %d, %d agree' % (
            len(ann), len(judged), sum(1 for r in ann if r['verdict'] == 'agree'),
            len(judged) - len(ann), sum(1 for r in judged if not r['annotated'] and r['verdict'] == 'agree')))
    cats = {}
    for r in judged:
        if r['verdict'] != 'agree': cats[r['category']] = cats.get(r['category'], 0) + 1
    if cats:
        print('not agreeing, by category:')
        for c in CATEGORIES:
            if c in cats: print('  %-34s %d' % (c, cats[c]))
    for label, why in skipped:
        print('skipped %s: %s' % (label, why))
    bad = {}
    for r in judged:
        if r.get('ferret_rc') not in (0, None): bad[str(r['ferret_rc'])] = bad.get(str(r['ferret_rc']), 0) + 1
    if bad:
        print('ferret failed (counted as unknown): %s' % ', '.join(
            '%d× %s' % (v, k if k in ('timeout', 'oserror') else 'exit ' + k) for k, v in sorted(bad.items())))
    if args.verbose:
        for r in judged:
            if r['verdict'] != 'agree':
                print('%s %s:%d %s: rustc=%s ferret=%s  [%s]' % (r['crate'], r['file'], r['line'], r['name'],
                                                               r['rustc'], r['ferret'] if r['ferret'] is not None else '{unknown}',
                                                               r['category']))
    A, B = tot['agree'], tot['oracle']
    print('type-oracle: %d/%d agree (%.1f%%) over %d crates' % (A, B, 100.0 * A / B if B else 0.0, len(per_crate)))


if __name__ == '__main__':
    main()

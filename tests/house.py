#!/usr/bin/env python3
"""house.py SRCDIR BUILDDIR - checks the shape of the source tree, one TAP
line per rule:
  - no circle between source files: file A uses a function or table of
    file B (read from the symbols of the built objects, so it is what the
    linker sees) and B, directly or not, uses A;
  - no source file over 1,200 lines (split it along its concerns);
  - a .c file with its own header includes it first after config.h, so
    every header compiles on its own;
  - only the store includes <sqlite3.h> (and only its PostgreSQL driver
    <libpq-fe.h>), only ui-*.c include <curses.h>,
    and the readiness model (catalogue, scoring, compare, plan) does no I/O."""
import os, re, subprocess, sys

src, build = sys.argv[1], sys.argv[2]
n = 0
failed = False

def tap(ok, desc, diag=()):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, desc))
    if not ok:
        failed = True
        for line in diag:
            print("# " + line)

def source_of(member):
    # libsmready_a-store-db.o -> store-db.c; libsmready_ui_a-ui-form.o -> ui-form.c
    base = re.sub(r'^lib[a-z_]+_a-', '', os.path.basename(member))
    return base[:-2] + '.c'

# ---- who uses whom, from the archives' symbol tables ----------------------
defined, used = {}, {}
for lib in ('libsmready.a', 'libsmready-ui.a'):
    path = os.path.join(build, lib)
    out = subprocess.run(['nm', '-A', path], capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r'^[^:]+:([^:]+):\s*(?:[0-9a-f]+)?\s+([A-Za-z])\s+(\S+)$', line)
        if not m:
            continue
        f, kind, sym = source_of(m.group(1)), m.group(2), m.group(3)
        defined.setdefault(f, set())
        used.setdefault(f, set())
        if kind == 'U':
            used[f].add(sym)
        elif kind in 'TDBR':
            defined[f].add(sym)
owner = {}
for f, syms in defined.items():
    for s in syms:
        owner[s] = f
edges = {f: sorted({owner[s] for s in used[f] if s in owner and owner[s] != f})
         for f in defined}
tap(len(edges) > 20, "the objects of both libraries were read (%d files)" % len(edges))

# Strongly connected components (Tarjan): any with two files is a circle.
index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        comps.append(comp)
for v in sorted(edges):
    if v not in index:
        visit(v)
circles = [sorted(c) for c in comps if len(c) > 1]
diag = []
for c in circles:
    diag.append("circle: " + ", ".join(c))
    for a in c:
        for b in edges[a]:
            if b in c:
                syms = sorted(s for s in used[a] if owner.get(s) == b)
                diag.append("  %s uses %s: %s" % (a, b, ", ".join(syms[:6])))
tap(not circles, "no circle between source files", diag)

# ---- sizes ----------------------------------------------------------------
files = sorted(f for f in os.listdir(os.path.join(src, 'src')) if f.endswith(('.c', '.h')))
big = []
for f in files:
    with open(os.path.join(src, 'src', f), encoding='utf-8') as fh:
        lines = sum(1 for _ in fh)
    if lines > 1200:
        big.append("%s: %d lines" % (f, lines))
tap(not big, "no source file over 1,200 lines", big)

# ---- includes -------------------------------------------------------------
def includes(f):
    with open(os.path.join(src, 'src', f), encoding='utf-8') as fh:
        return re.findall(r'^#include [<"]([^>"]+)[>"]', fh.read(), re.M)

wrong = []
for f in files:
    if not f.endswith('.c'):
        continue
    own = f[:-2] + '.h'
    inc = includes(f)
    if own in files and (len(inc) < 2 or inc[0] != 'config.h' or inc[1] != own):
        wrong.append("%s: includes %s" % (f, ", ".join(inc[:3])))
tap(not wrong, "each .c file includes its own header first after config.h", wrong)

layer = []
for f in files:
    inc = includes(f)
    if 'sqlite3.h' in inc and not f.startswith('store'):
        layer.append("%s includes <sqlite3.h>" % f)
    if 'libpq-fe.h' in inc and not f.startswith('store-drv'):
        layer.append("%s includes <libpq-fe.h> (the PostgreSQL driver alone may)" % f)
    if ('curses.h' in inc or 'term.h' in inc) and not f.startswith('ui'):
        layer.append("%s includes curses" % f)
    if f.split('.')[0] in ('catalogue', 'scoring', 'compare', 'plan') and \
            set(inc) & {'stdio.h', 'unistd.h', 'fcntl.h', 'sqlite3.h', 'libpq-fe.h', 'jansson.h'}:
        layer.append("%s (the readiness model) includes I/O headers" % f)
tap(not layer, "the store alone talks to SQLite, ui-*.c alone to curses, the model does no I/O",
    layer)

print("1..%d" % n)

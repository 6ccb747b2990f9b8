#!/usr/bin/env python3
"""Build cases.tsv from the markers in the Go sources.

Markers: '// SHAPE: words' above a bug case, '// BUG: <check>' on the line
to be reported; '// CLEAN: <check> <why>' above a clean case, and
'// NAIVE: <check>' on the line a naive linter would flag.
"""
import os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = []
for dirpath, dirs, files in os.walk(root):
    dirs[:] = sorted(d for d in dirs if d not in ("score",))
    for fn in sorted(files):
        if not fn.endswith(".go"):
            continue
        p = os.path.join(dirpath, fn)
        rel = os.path.relpath(p, root)
        shape = clean = None
        for i, line in enumerate(open(p), 1):
            m = re.search(r"//\s*SHAPE:\s*(.*)$", line)
            if m:
                shape = m.group(1).strip(); continue
            m = re.search(r"//\s*CLEAN:\s*(\w+)\s+(.*)$", line)
            if m:
                clean = (m.group(1), m.group(2).strip()); continue
            m = re.search(r"//\s*BUG:\s*(\w+)", line)
            if m:
                if not shape:
                    sys.exit(f"{rel}:{i}: BUG without SHAPE")
                rows.append((rel, i, m.group(1), "bug", shape)); shape = None; continue
            m = re.search(r"//\s*NAIVE:\s*(\w+)", line)
            if m:
                if not clean or clean[0] != m.group(1):
                    sys.exit(f"{rel}:{i}: NAIVE without matching CLEAN")
                rows.append((rel, i, m.group(1), "clean", clean[1])); clean = None
        if shape or clean:
            sys.exit(f"{rel}: dangling marker {shape or clean}")
with open(os.path.join(root, "cases.tsv"), "w") as f:
    f.write("file\tline\tcheck\texpect\tshape\n")
    for r in rows:
        f.write("\t".join(map(str, r)) + "\n")
print(len(rows), "cases")

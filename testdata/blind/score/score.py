#!/usr/bin/env python3
"""Score connvet's JSON output against cases.tsv.

usage: score.py [-c cases.tsv] [-o report.md] [-t 3] result.json [more.json ...]

Each JSON file is connvet -json output: {pkgpath: {analyzer: [{posn, message}]}}
(concatenated objects are accepted too). A bug case is flagged when a
diagnostic of the same check lies within +-t lines of its BUG line in the
same file; a clean case is a false positive when such a diagnostic lies
within +-t lines of its NAIVE line. Every diagnostic that is near no case
of its own check is listed as unexpected.
"""
import argparse, json, os, re, sys
from collections import defaultdict

CHECKS = ["keepaliveclose", "contentlength", "servertimeout",
          "dialtimeout", "dotimeout", "unboundedpool", "bodydrain"]


def load_json(path):
    text = open(path).read()
    dec, i, out = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        obj, i = dec.raw_decode(text, i)
        out.append(obj)
    return out


def check_name(analyzer):
    if analyzer in CHECKS:
        return analyzer
    for c in CHECKS:
        if c in analyzer.lower():
            return c
    return analyzer


def parse_posn(posn):
    # file:line:col (file may contain ':' on odd systems; split from the right)
    parts = posn.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit():
        return parts[0], int(parts[1])
    parts = posn.rsplit(":", 1)
    return parts[0], int(parts[1]) if len(parts) == 2 and parts[1].isdigit() else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json", nargs="+")
    ap.add_argument("-c", "--cases", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "cases.tsv"))
    ap.add_argument("-o", "--out")
    ap.add_argument("-t", "--tolerance", type=int, default=3)
    ap.add_argument("--related", action="store_true", help="count related positions of a finding as its positions (the benchmark harness rule)")
    a = ap.parse_args()
    root = os.path.dirname(os.path.abspath(a.cases))

    cases = []
    with open(a.cases) as f:
        next(f)
        for ln in f:
            ln = ln.rstrip("\n")
            if not ln:
                continue
            file, line, check, expect, shape = ln.split("\t", 4)
            cases.append(dict(file=file, abs=os.path.normpath(os.path.join(root, file)),
                              line=int(line), check=check, expect=expect, shape=shape, hits=[]))

    # Case regions: from the SHAPE/CLEAN marker above a case to the next
    # marker in the same file (used only for the secondary, lenient count).
    bounds = {}
    for c in cases:
        if c["abs"] in bounds:
            continue
        try:
            lines = open(c["abs"]).read().split("\n")
        except OSError:
            bounds[c["abs"]] = None
            continue
        bounds[c["abs"]] = ([i for i, l in enumerate(lines, 1) if re.search(r"//\s*(SHAPE|CLEAN):", l)], len(lines) + 1)
    for c in cases:
        b = bounds.get(c["abs"])
        if not b:
            c["region"] = (c["line"] - a.tolerance, c["line"] + a.tolerance + 1)
            continue
        marks, end = b
        start = max([m for m in marks if m <= c["line"]], default=1)
        stop = min([m for m in marks if m > c["line"]], default=end)
        c["region"] = (start, stop)
        c["rhits"] = []

    diags, errors = [], []
    for jp in a.json:
        for obj in load_json(jp):
            for pkg, analyzers in obj.items():
                for an, items in analyzers.items():
                    if isinstance(items, dict):  # {"error": "..."}
                        errors.append(f"{pkg} {an}: {items.get('error', items)}")
                        continue
                    for d in items:
                        fpath, line = parse_posn(d.get("posn", ""))
                        diags.append(dict(pkg=pkg, check=check_name(an), analyzer=an, file=fpath,
                                          line=line, msg=d.get("message", ""), posn=d.get("posn", "")))
                        if a.related:
                            # Related positions (analysis.RelatedInformation) count as
                            # positions of the finding, as the benchmark harness does.
                            for r in d.get("related") or []:
                                rpath, rline = parse_posn(r.get("posn", ""))
                                diags.append(dict(pkg=pkg, check=check_name(an), analyzer=an, file=rpath,
                                                  line=rline, msg="(related: " + r.get("message", "") + ") " + d.get("message", ""),
                                                  posn=r.get("posn", "")))

    def same_file(diag_file, case):
        if os.path.isabs(diag_file):
            return os.path.normpath(diag_file) == case["abs"]
        return case["abs"].endswith(os.sep + os.path.normpath(diag_file)) or case["file"] == diag_file

    def near(d, c):
        return same_file(d["file"], c) and abs(d["line"] - c["line"]) <= a.tolerance

    def in_region(d, c):
        return same_file(d["file"], c) and c["region"][0] <= d["line"] < c["region"][1]

    for c in cases:
        c["rhits"] = [d for d in diags if d["check"] == c["check"] and in_region(d, c)]

    unexpected = []
    for d in diags:
        own = [c for c in cases if c["check"] == d["check"] and near(d, c)]
        for c in own:
            c["hits"].append(d)
        if not own:
            other = [c for c in cases if near(d, c)]
            d["near_other"] = other
            d["region_of"] = [c for c in cases if c["check"] == d["check"] and in_region(d, c)]
            unexpected.append(d)

    out = []
    w = out.append
    w(f"# connvet blind score\n\nJSON: {', '.join(a.json)}  \ncases: {a.cases} ({len(cases)}), tolerance +-{a.tolerance} lines, diagnostics: {len(diags)}\n")
    w("Strict: a diagnostic of the check within +-%d lines of the case line. Lenient (in parentheses): anywhere in the case's own region (marker comment to next marker), i.e. the finding is reported but at another line of the same case.\n" % a.tolerance)
    w("| check | bugs | flagged (lenient) | recall (lenient) | clean | false positives (lenient) | unexpected |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    tot = [0, 0, 0, 0, 0, 0, 0]
    checks = CHECKS + sorted({c["check"] for c in cases} - set(CHECKS))
    for ch in checks:
        b = [c for c in cases if c["check"] == ch and c["expect"] == "bug"]
        cl = [c for c in cases if c["check"] == ch and c["expect"] == "clean"]
        fl = sum(1 for c in b if c["hits"])
        fp = sum(1 for c in cl if c["hits"])
        lfl = sum(1 for c in b if c["hits"] or c["rhits"])
        lfp = sum(1 for c in cl if c["hits"] or c["rhits"])
        un = sum(1 for d in unexpected if d["check"] == ch)
        tot = [x + y for x, y in zip(tot, [len(b), fl, len(cl), fp, un, lfl, lfp])]
        rec = f"{100 * fl / len(b):.0f}% ({100 * lfl / len(b):.0f}%)" if b else "-"
        w(f"| {ch} | {len(b)} | {fl} ({lfl}) | {rec} | {len(cl)} | {fp} ({lfp}) | {un} |")
    rec = f"{100 * tot[1] / tot[0]:.0f}% ({100 * tot[5] / tot[0]:.0f}%)" if tot[0] else "-"
    w(f"| **total** | {tot[0]} | {tot[1]} ({tot[5]}) | {rec} | {tot[2]} | {tot[3]} ({tot[6]}) | {tot[4]} |\n")

    w("## Missed bugs\n")
    missed = [c for c in cases if c["expect"] == "bug" and not c["hits"]]
    for c in missed:
        extra = ""
        if c["rhits"]:
            extra = " — **reported elsewhere in the case**: " + " | ".join(f"L{d['line']}: {d['msg']}" for d in c["rhits"])
        else:
            extra = " — not reported"
        w(f"- `{c['check']}` {c['file']}:{c['line']} — {c['shape']}{extra}")
    if not missed:
        w("(none)")
    w("\n## False positives (clean cases flagged)\n")
    fps = [c for c in cases if c["expect"] == "clean" and (c["hits"] or c["rhits"])]
    for c in fps:
        tag = "" if c["hits"] else " (lenient only: diagnostic elsewhere in the case)"
        w(f"- `{c['check']}` {c['file']}:{c['line']} — {c['shape']}{tag}")
        for d in c["hits"] or c["rhits"]:
            w(f"  - {os.path.relpath(d['file'], root) if os.path.isabs(d['file']) else d['file']}:{d['line']}: {d['msg']}")
    if not fps:
        w("(none)")
    w("\n## Unexpected diagnostics (near no case of their own check)\n")
    for d in sorted(unexpected, key=lambda d: (d["check"], d["file"], d["line"])):
        rel = os.path.relpath(d["file"], root) if os.path.isabs(d["file"]) else d["file"]
        note = ""
        if d["region_of"]:
            note += " (inside the region of " + ", ".join(f"{c['check']}/{c['expect']} case at line {c['line']}" for c in d["region_of"]) + ")"
        else:
            note += " (outside every case of this check)"
        if d["near_other"]:
            note += " (near case: " + ", ".join(f"{c['check']}/{c['expect']} line {c['line']}" for c in d["near_other"]) + ")"
        w(f"- `{d['check']}` {rel}:{d['line']}: {d['msg']}{note}")
    if not unexpected:
        w("(none)")
    if errors:
        w("\n## Analyzer errors\n")
        for e in errors:
            w(f"- {e}")
    w("\n## Flagged bugs\n")
    for c in cases:
        if c["expect"] == "bug" and c["hits"]:
            w(f"- `{c['check']}` {c['file']}:{c['line']} — {c['shape']}: " + " | ".join(f"L{d['line']}: {d['msg']}" for d in c["hits"]))
    report = "\n".join(out) + "\n"
    if a.out:
        open(a.out, "w").write(report)
    sys.stdout.write(report)


if __name__ == "__main__":
    main()

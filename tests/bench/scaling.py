"""Scaling benchmark (issue 12, point 3): double each input dimension and
show that time and peak memory of dossier grow linearly (a ratio near 2
per doubling; 4 would be quadratic).

usage: scaling.py DOSSIER [BASE [DIMENSION...]]
Dimensions, each from BASE (default 1) times its start size, doubled 4 times:
  records      records of one group (check)
  multichoice  items of one multichoice answer, all repeated (check)
  groups       group fields sharing one label (export --xlsx: sheet names)
  nesting      depth of count() nested in a rule over 100 records (check;
               bounded by the evaluation budget, so flat)
  export       records with a paragraph of text each (export --xlsx)
  diff         records of one group, every other one changed (diff; record
               identities are made once per group, not once per row)
Prints one line per run: dimension, size, seconds, peak RSS in MB, and the
ratios to the previous size.  Standard library only.
"""
import os
import subprocess
import sys
import tempfile
import time

prog = os.path.abspath(sys.argv[1])
base = int(sys.argv[2]) if len(sys.argv) > 2 else 1
work = tempfile.mkdtemp(prefix="dossier-scaling.")


def write(rel, text):
    path = os.path.join(work, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def measure(args):
    """Wall time and peak RSS of one run.  GNU time measures the RSS: a
    child forked from this Python would count Python's own pages."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "@@%M", prog] + args,
                       cwd=work, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    secs = time.perf_counter() - t
    kb = int(p.stderr.rsplit("@@", 1)[1].split()[0])
    return secs, kb / 1024.0, p.returncode


def tmpl(tid, body):
    return 'id: %s\nedition: "1"\ntitle: T\nsections:\n%s' % (tid, body)


GROUP = """  - id: s
    title: S
    fields:
      - id: recs
        label: Records
        type: group
        fields:
          - id: name
            label: Name
            type: text
            min_length: 3
          - id: kind
            label: Kind
            type: choice
            options: [a, b]
            required: true
    rules:
      - id: some
        assert: count(recs, kind == "a") >= count(recs, kind == "b")
        message: more b than a
      - id: deep
        assert: '%s'
        message: deep
"""


def records(n):
    write("r/r-1.yaml", tmpl("r", GROUP % "count(recs) >= 0"))
    recs = "".join("        - name: n%d\n          kind: %s\n" %
                   (i, "ab"[i % 2]) for i in range(n))
    write("r.yaml", "format: 1\ntemplates: [r:1]\nanswers:\n  r:\n    s:\n"
          "      recs:\n" + recs)
    return ["check", "--template-dir", "r", "r.yaml"]


def multichoice(n):
    write("m/m-1.yaml", tmpl("m", """  - id: s
    title: S
    fields:
      - id: pick
        label: Pick
        type: multichoice
        options: [a, b, c]
"""))
    items = "".join("        - %s\n" % ("a", "b", "zz")[i % 3]
                    for i in range(n))
    write("m.yaml", "format: 1\ntemplates: [m:1]\nanswers:\n  m:\n    s:\n"
          "      pick:\n" + items)
    return ["check", "--template-dir", "m", "m.yaml"]


def groups(n):
    per = 100
    secs, ans = [], []
    for i in range(max(1, n // per)):
        fields = "".join("""      - id: g%d
        label: Data
        type: group
        fields:
          - id: x
            label: X
            type: text
""" % j for j in range(per))
        secs.append("  - id: s%d\n    title: S%d\n    fields:\n%s" %
                    (i, i, fields))
        ans.append("    s%d:\n" % i + "".join(
            "      g%d:\n        - x: v\n" % j for j in range(per)))
    write("g/g-1.yaml", tmpl("g", "".join(secs)))
    write("g.yaml", "format: 1\ntemplates: [g:1]\nanswers:\n  g:\n" +
          "".join(ans))
    return ["export", "--template-dir", "g", "g.yaml", "--xlsx", "g.xlsx"]


def nesting(n):
    inner = "filled(name)"
    for _ in range(n):
        inner = "count(recs, %s) == count(recs)" % inner
    write("n/n-1.yaml", tmpl("n", GROUP % inner))
    recs = "".join("        - name: n%d\n          kind: a\n" % i
                   for i in range(100))
    write("n.yaml", "format: 1\ntemplates: [n:1]\nanswers:\n  n:\n    s:\n"
          "      recs:\n" + recs)
    return ["check", "--template-dir", "n", "n.yaml"]


def export_records(n):
    """Records with a paragraph each, exported: the XLSX is streamed row by
    row (constant memory), so its cost follows the records."""
    write("r/r-1.yaml", tmpl("r", GROUP % "count(recs) >= 0"))
    text = "Chest radiographs from site %d, de-identified at source. " * 4
    recs = "".join("        - name: '%s'\n          kind: %s\n" %
                   (text % ((i,) * 4), "ab"[i % 2]) for i in range(n))
    write("x.yaml", "format: 1\ntemplates: [r:1]\nanswers:\n  r:\n    s:\n"
          "      recs:\n" + recs)
    return ["export", "--template-dir", "r", "x.yaml", "--xlsx", "x.xlsx"]


def diff_records(n):
    write("r/r-1.yaml", tmpl("r", GROUP % "count(recs) >= 0"))
    for side, flip in (("a", 0), ("b", 1)):
        recs = "".join("        - name: n%d\n          kind: %s\n" %
                       (i, "ab"[(i + flip * (i % 2)) % 2]) for i in range(n))
        write("d%s.yaml" % side, "format: 1\ntemplates: [r:1]\nanswers:\n"
              "  r:\n    s:\n      recs:\n" + recs)
    return ["diff", "--template-dir", "r", "da.yaml", "db.yaml"]


DIMS = [("records", records, 5000), ("multichoice", multichoice, 20000),
        ("groups", groups, 200), ("nesting", nesting, 1),
        ("export", export_records, 5000), ("diff", diff_records, 1000)]

print("%-12s %8s %9s %9s %7s %7s" % ("dimension", "size", "seconds",
                                     "peak MB", "t-ratio", "m-ratio"))
only = sys.argv[3:]
for name, make, start in DIMS:
    if only and name not in only:
        continue
    prev = None
    for k in range(5):
        n = start * base * (2 ** k)
        secs, mb, status = measure(make(n))
        ratio = ("%7.2f %7.2f" % (secs / prev[0], mb / prev[1])
                 if prev else "%7s %7s" % ("-", "-"))
        print("%-12s %8d %9.3f %9.1f %s  exit %d" % (
            name, n, secs, mb, ratio, status))
        sys.stdout.flush()
        prev = (secs, mb)

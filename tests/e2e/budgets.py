"""Cost budgets (issue 12, point 3): inputs whose cost once grew faster
than their size.  Each case must finish within its time limit, with the
expected exit status and message; the sizes are those that took tens of
seconds or gigabytes before.

usage: budgets.py DOSSIER WORKDIR
"""
import os
import subprocess
import sys
import zipfile

prog, work = sys.argv[1:3]
fails = 0


def run(args, timeout=10):
    try:
        return subprocess.run([prog] + args, capture_output=True, text=True,
                              timeout=timeout, cwd=work)
    except subprocess.TimeoutExpired:
        print("FAIL: %s took more than %d s" % (" ".join(args), timeout))
        return subprocess.CompletedProcess(args, 124, "", "timed out")


def expect(what, cond, detail=""):
    global fails
    if not cond:
        fails += 1
        print("FAIL: %s %s" % (what, detail))


def write(name, text):
    path = os.path.join(work, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def template(tid, sections):
    return ('id: %s\nedition: "1"\ntitle: T\nsections:\n' % tid) + sections


# 1. One multichoice item repeated 6,000 times: one finding per distinct
# value (it was 18 million findings, 4.8 GB and 38 s).
write("mc/t-1.yaml", template("mc", """  - id: s
    title: S
    fields:
      - id: pick
        label: Pick
        type: multichoice
        options: [a, b, c]
"""))
items = "\n".join("        - %s" % ("a" if i % 2 else "zz") for i in range(6000))
write("mc.yaml", "format: 1\ntemplates: [mc:1]\nanswers:\n  mc:\n    s:\n"
      "      pick:\n" + items + "\n")
r = run(["check", "--template-dir", "mc", "mc.yaml"])
lines = [l for l in r.stdout.splitlines() if "pick" in l]
expect("multichoice duplicates: exit 1", r.returncode == 1, r.stderr)
expect("multichoice duplicates: one finding per distinct value",
       len([l for l in lines if "more than once" in l]) == 2, len(lines))
expect("multichoice: 'zz' reported once as not an option",
       len([l for l in lines if "'zz' is not one of" in l]) == 1)

# 2. Nested count() in a rule: records^4 steps without a budget (200
# records took 33 s); with it, a clear error naming the rule.
inner = "filled(name)"
for _ in range(4):
    inner = "count(recs, %s) == count(recs)" % inner
write("nest/nest-1.yaml", template("nest", """  - id: s
    title: S
    fields:
      - id: recs
        label: Records
        type: group
        fields:
          - id: name
            label: Name
            type: text
    rules:
      - id: deep
        assert: '%s'
        message: deep rule failed
""" % inner))
recs = "\n".join("        - name: r%d" % i for i in range(200))
write("nest.yaml", "format: 1\ntemplates: [nest:1]\nanswers:\n  nest:\n"
      "    s:\n      recs:\n" + recs + "\n")
r = run(["check", "--template-dir", "nest", "nest.yaml"])
expect("nested count: exit 1", r.returncode == 1, r.stderr)
expect("nested count: names the rule and the budget",
       "rule 'deep'" in r.stdout and "evaluation steps" in r.stdout,
       r.stdout[-300:])

# 3. 3,000 groups with one label, plus one labelled "History" (reserved by
# Excel): unique names, linear time, no reserved name.
secs = []
for i in range(10):
    fields = "".join("""      - id: g%d
        label: %s
        type: group
        fields:
          - id: x
            label: X
            type: text
""" % (j, "History" if i == 0 and j == 0 else "Data") for j in range(300))
    secs.append("  - id: s%d\n    title: S%d\n    fields:\n%s" % (i, i,
                                                               fields))
write("grp/grp-1.yaml", template("grp", "".join(secs)))
ans = "".join("    s%d:\n" % i + "".join("      g%d:\n        - x: v\n" % j
                                          for j in range(300))
              for i in range(10))
write("grp.yaml", "format: 1\ntemplates: [grp:1]\nanswers:\n  grp:\n" + ans)
r = run(["export", "--template-dir", "grp", "grp.yaml", "--xlsx", "grp.xlsx"],
        timeout=60)
expect("3,000 same-label groups: export exit 0", r.returncode == 0, r.stderr)
if r.returncode == 0:
    with zipfile.ZipFile(os.path.join(work, "grp.xlsx")) as z:
        wb = z.read("xl/workbook.xml").decode()
    import re
    names = re.findall(r'<sheet name="([^"]*)"', wb)
    expect("sheet names unique (case-insensitive)",
           len({n.lower() for n in names}) == len(names))
    expect("no sheet named History", "history" not in
           {n.lower() for n in names}, [n for n in names if "ist" in n])
    expect("2,999 Data sheets", len([n for n in names
                                     if n.startswith("Data")]) == 2999,
           len(names))

# 4. Too many rows for a sheet: refused before any work, exit 2, naming
# the limit (300,000 records once ran 80 s and 5 GB first).
recs = "\n".join("        - f0: r%d" % i for i in range(40000))
write("rows.yaml", "format: 1\ntemplates: [nest:1]\nanswers:\n  nest:\n"
      "    s:\n      recs:\n" + recs + "\n")
write("flat/flat-1.yaml", template("nest", """  - id: s
    title: S
    fields:
      - id: recs
        label: Records
        type: group
        fields:
""" + "".join("""          - id: f%d
            label: F%d
            type: text
""" % (k, k) for k in range(30))))
r = run(["export", "--template-dir", "flat", "rows.yaml", "--xlsx",
         "rows.xlsx"])
expect("rows over the limit: exit 2", r.returncode == 2,
       (r.returncode, r.stderr))
expect("rows over the limit: names the limit", "1048576 rows" in r.stderr,
       r.stderr)
expect("rows over the limit: nothing written",
       not os.path.exists(os.path.join(work, "rows.xlsx")))

# 5. count() in a record's `when`: evaluated once per record, each time
# over every record.  Each evaluation is within its own budget, so only
# the pass's pool bounds the total (20,000 records: 1.2e9 steps, minutes
# for check and again for the checklist).  The records past the pool get
# a clear finding naming the field and its place in the template.
write("pool/pool-1.yaml", template("pool", """  - id: s
    title: S
    fields:
      - id: recs
        label: Records
        type: group
        fields:
          - id: name
            label: Name
            type: text
          - id: kind
            label: Kind
            type: text
            when: count(recs, name == "zz") == 0
            required: true
"""))
recs = "\n".join("        - name: r%d" % i for i in range(20000))
write("pool.yaml", "format: 1\ntemplates: [pool:1]\nanswers:\n  pool:\n"
      "    s:\n      recs:\n" + recs + "\n")
# The pool (100M steps) takes about a second; the limits here only guard
# against a hang, generous for sanitizer builds on a busy machine: the
# finding that names the pool is what shows the bound.
r = run(["check", "--template-dir", "pool", "pool.yaml"], timeout=120)
over = [l for l in r.stdout.splitlines() if "in all" in l]
expect("record count(): exit 1", r.returncode == 1, r.stderr)
expect("record count(): the pool's finding names the field and place",
       len(over) > 0 and "'kind' (pool/pool-1.yaml:15:13)" in over[0],
       r.stdout[-300:])
expect("record count(): records checked before the pool ran out",
       "Kind: not answered [pool.s.recs[1].kind]" in r.stdout)
for args in (["check", "--format", "json"],
             ["export", "--xlsx", "pool.xlsx"]):
    r = run(args[:1] + ["--template-dir", "pool", "pool.yaml"] + args[1:],
            timeout=120)
    expect("record count(): %s within the time" % " ".join(args),
           r.returncode in (0, 1), (r.returncode, r.stderr[-300:]))

# 6. The same finding on the same question of many records: the text
# lists the first 100 of them and then says how many more there are; the
# exit status and JSON stay complete (300,000 empty records printed 3
# million lines).
recs = "\n".join("        - name: r%d" % i for i in range(300))
write("same.yaml", "format: 1\ntemplates: [pool:1]\nanswers:\n  pool:\n"
      "    s:\n      recs:\n" + recs + "\n")
write("same/pool-1.yaml", template("pool", """  - id: s
    title: S
    fields:
      - id: recs
        label: Records
        type: group
        fields:
          - id: name
            label: Name
            type: text
          - id: kind
            label: Kind
            type: text
            required: true
"""))
r = run(["check", "--template-dir", "same", "same.yaml"])
listed = [l for l in r.stdout.splitlines() if "Kind: not answered [" in l]
more = [l for l in r.stdout.splitlines() if "more like" in l]
expect("same finding: exit 1", r.returncode == 1, r.stderr)
expect("same finding: first 100 listed", len(listed) == 100, len(listed))
expect("same finding: then how many more, with the question",
       len(more) == 1 and 'error:' in more[0] and
       '200 more like "Kind: not answered"' in more[0] and
       "[pool.s.recs[*].kind]" in more[0], more)
r = run(["check", "--format", "json", "--template-dir", "same", "same.yaml"])
expect("same finding: JSON lists all 300",
       r.stdout.count('"message": "Kind: not answered"') == 300)
r = run(["status", "--template-dir", "same", "same.yaml"])
expect("same finding: status counts all 300", "300 errors" in r.stdout,
       r.stdout)

print("%d failures" % fails)
sys.exit(1 if fails else 0)

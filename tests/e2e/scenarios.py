"""Hold every workshop scenario to its promise (run by scenarios.sh).

For each scenario in share/examples/scenarios.yaml: `dossier check` on the
exercise reports exactly the documented findings (severity, path, rule),
no more and no fewer, and the answer key checks clean with exit 0; and
the handout (share/doc/workshop.md) has a section per scenario whose
table lists exactly those findings with the index's exercise text.
Prints one line per problem; exits 1 if there was any.
"""
import collections
import json
import os
import subprocess
import sys

import yaml

dossier, examples, handout = sys.argv[1], sys.argv[2], sys.argv[3]
with open(os.path.join(examples, "scenarios.yaml"), encoding="utf-8") as f:
    index = yaml.safe_load(f)

problems = []
kinds = set()


def check(path):
    p = subprocess.run([dossier, "check", "--format", "json", path],
                       capture_output=True, text=True, timeout=30)
    try:
        return p.returncode, json.loads(p.stdout)[0]
    except (ValueError, IndexError):
        problems.append(f"{path}: check gave no JSON: {p.stderr.strip()}")
        return p.returncode, {"findings": []}


for sc in index["scenarios"]:
    name = sc["name"]
    rc, rep = check(os.path.join(examples, sc["exercise"]))
    got = collections.Counter((f["severity"], f["path"], f["rule"])
                              for f in rep["findings"])
    want = collections.Counter((f["severity"], f["path"], f.get("rule"))
                               for f in sc.get("findings", []))
    for k in sorted((got - want).elements(), key=str):
        problems.append(f"{name}: undocumented finding {k}")
    for k in sorted((want - got).elements(), key=str):
        problems.append(f"{name}: documented finding not reported {k}")
    if not sc.get("findings"):
        problems.append(f"{name}: no findings for students to fix")
    for f in sc.get("findings", []):
        if not f.get("exercise", "").strip():
            problems.append(f"{name}: {f['path']} has no exercise")
    if rc != (1 if any(f["severity"] == "error" for f in rep["findings"])
              else 0):
        problems.append(f"{name}: exercise exit status {rc}")
    rc, rep = check(os.path.join(examples, sc["solution"]))
    if rc != 0 or rep["findings"]:
        problems.append(f"{name}: answer key exit {rc}, findings "
                        f"{[f['path'] for f in rep['findings']]}")
    print(f"{name}: {sum(want.values())} findings documented, "
          f"{sum(got.values())} reported; key exit {rc}")

# The handout: "### NAME: ..." then rows "| severity | path | exercise |".
tables = collections.defaultdict(list)
current = None
with open(handout, encoding="utf-8") as f:
    for line in f:
        if line.startswith("### "):
            current = line[4:].split(":")[0].strip()
        elif line.startswith("## "):
            current = None
        elif current and line.startswith("| ") and not line.startswith(
                "| Severity") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            tables[current].append(tuple(" ".join(c.split())
                                         for c in cells))
for sc in index["scenarios"]:
    want = collections.Counter((f["severity"], f["path"],
                                " ".join(f["exercise"].split()))
                               for f in sc.get("findings", []))
    got = collections.Counter(tables.get(sc["name"], []))
    for k in sorted((want - got).elements()):
        problems.append(f"workshop.md, {sc['name']}: missing row {k}")
    for k in sorted((got - want).elements()):
        problems.append(f"workshop.md, {sc['name']}: extra row {k}")

for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)

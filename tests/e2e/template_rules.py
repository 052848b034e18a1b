"""Every rule and every required field of the bundled templates, tested
both ways.

For each rule, RULES below gives "bad" answers and "good" ones:
  - complete.yaml must not trigger it;
  - a copy of complete.yaml changed by the "bad" mutations must give
    exactly one finding of that rule;
  - each "good" case (the justified exception, the boundary value that
    is still allowed) must give none, so a rule that fires too often
    fails as surely as one that never fires.
Every run of `dossier check` has its exit status asserted exactly: 1 when
there is an error (or, with --strict, a warning), else 0; 2 or anything
else fails the test.  For each required field: removing its answer from
complete.yaml (from the first record, for a record field) must give a
"not answered" finding at that field; where the field does not apply in
complete.yaml, GATES says which answers open it.  A rule the table does
not cover, or an entry without "good" (an empty list says on purpose that
complete.yaml is the only good case), fails the test, so a new rule
cannot land untested.

Run by tests/e2e/template-rules.sh with Debian's python3 (PyYAML).
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

DOSSIER = os.environ["DOSSIER"]
EXAMPLES = os.environ["EXAMPLES"]
TEMPLATES = os.environ["DOSSIER_TEMPLATE_PATH"].split(":")[0]


def options(tmpl, section, field):
    for s in tmpl["sections"]:
        if s["id"] == section:
            for f in s["fields"]:
                if f["id"] == field:
                    return f["options"]
    raise KeyError(field)


def set_(path, value):
    return ("set", path, value)


def drop_records(path, key, value):
    return ("drop_records", path, key, value)


def record(path, index, key, value):
    return ("record", path, index, key, value)


def delete(path):
    return ("delete", path)


def rules(t7, t8):
    first_other = lambda opts, bad: [o for o in opts if o not in bad][0]
    other_category = first_other(
        options(t7, "qualification", "non_md_category"), ["no, none of them"])
    return {
        "excluded-category-consistent": {
            "bad": [set_("tr-007.qualification.non_md_category",
                         other_category)],
            "good": [[set_("tr-007.qualification.non_md_category",
                           other_category),
                      set_("tr-007.qualification.is_medical_device", "no")]]},
        "class-listable": {
            "bad": [set_("tr-007.qualification.device_class", "Class I")],
            "good": [[set_("tr-007.qualification.device_class",
                           "Class III")]]},
        "system-level-tested": {
            "bad": [set_("tr-007.verification.test_levels",
                         [first_other(options(t7, "verification",
                                              "test_levels"), ["system"])])],
            "good": [[set_("tr-007.verification.test_levels", ["system"])]]},
        "version-justified": {
            "bad": [set_("tr-007.versioning.validated_version", "0.0.1-other"),
                    delete("tr-007.versioning.version_justification")],
            "good": [
                # Versions differ, with a justification: the exception.
                [set_("tr-007.versioning.validated_version", "0.0.1-other")],
                # Same version: nothing to justify.
                [set_("tr-007.versioning.validated_version", "2.4.1"),
                 delete("tr-007.versioning.version_justification")]]},
        "listed-version-in-history": {
            "bad": [set_("tr-007.versioning.listed_version", "9.9.9")],
            "good": []},
        "no-universal-password": {
            "bad": [set_("tr-007.cybersecurity.default_password",
                         "universal default password")],
            "good": []},
        "cyber-incidents-reported": {
            "bad": [set_("tr-007.postmarket.covers_cyber_incidents", "no")],
            "good": []},
        # The limits themselves are allowed; one more is not.
        "public-health-within-48h": {
            "bad": [set_("tr-007.postmarket.public_health_hours", 49)],
            "good": [[set_("tr-007.postmarket.public_health_hours", 48)]]},
        "serious-within-10-days": {
            "bad": [set_("tr-007.postmarket.serious_event_days", 11)],
            "good": [[set_("tr-007.postmarket.serious_event_days", 10)]]},
        "other-within-30-days": {
            "bad": [set_("tr-007.postmarket.other_event_days", 31)],
            "good": [[set_("tr-007.postmarket.other_event_days", 30)]]},
        "training-dataset-present": {
            "bad": [drop_records("tr-008.datasets.datasets", "role",
                                 "training")],
            "good": []},
        "validation-dataset-present": {
            "bad": [drop_records("tr-008.datasets.datasets", "role",
                                 "validation")],
            "good": []},
        "test-dataset-present": {
            "bad": [drop_records("tr-008.datasets.datasets", "role", "test")],
            "good": []},
        "overlap-justified": {
            "bad": [("overlap", None)],
            # An overlap with a justification is the justified exception.
            "good": [[("overlap", "41 patients appear in both; results "
                                  "without them differ by 0.1 points.")]]},
        "evaluated-version-matches-model": {
            "bad": [set_("tr-008.performance.evaluated_version", "0.0.0")],
            "good": []},
        "rollback-available": {
            "bad": [set_("tr-008.clc.rollback_possible", "no")],
            "good": []},
        "warning-at-point-of-use": {
            "bad": [set_("tr-008.labelling.warning_locations",
                         [first_other(options(t8, "labelling",
                                              "warning_locations"),
                                      ["user interface, with each AI result",
                                       "printed or exported reports"])])],
            "good": [[set_("tr-008.labelling.warning_locations",
                           ["printed or exported reports"])]]},
    }


# Required fields that do not apply in complete.yaml: the answers that
# open them, and which record to test for record fields.
GATES = {
    "tr-007.qualification.host_device":
        ([set_("tr-007.qualification.software_type", "SiMD")], 0),
    "tr-007.lifecycle.lifecycle_process_other":
        ([set_("tr-007.lifecycle.lifecycle_process",
               "another documented life-cycle process")], 0),
    "tr-007.change_history.changes[].mdd_reference":
        ([set_("tr-007.change_history.already_listed", True)], 0),
    "tr-008.datasets.datasets[].overlaps_training":
        ([], "first-non-training"),
    "tr-008.datasets.datasets[].overlap_justification":
        ([("overlap",)], "first-non-training"),
}


def walk(doc, path, create=False):
    node = doc["answers"]
    parts = path.split(".")
    for p in parts[:-1]:
        if p not in node and create:
            node[p] = {}
        node = node[p]
    return node, parts[-1]


def apply(doc, mutation):
    kind = mutation[0]
    if kind == "set":
        node, key = walk(doc, mutation[1], create=True)
        node[key] = mutation[2]
    elif kind == "delete":
        node, key = walk(doc, mutation[1])
        node.pop(key, None)
    elif kind == "drop_records":
        node, key = walk(doc, mutation[1])
        node[key] = [r for r in node[key] if r.get(mutation[2]) != mutation[3]]
    elif kind == "record":
        node, key = walk(doc, mutation[1])
        node[key][mutation[2]][mutation[3]] = mutation[4]
    elif kind == "overlap":
        # The first dataset that is not training data shares data with
        # it; mutation[1] is the justification, or None for none.
        recs = doc["answers"]["tr-008"]["datasets"]["datasets"]
        rec = [r for r in recs if r.get("role") != "training"][0]
        rec["overlaps_training"] = True
        rec.pop("overlap_justification", None)
        if len(mutation) > 1 and mutation[1] is not None:
            rec["overlap_justification"] = mutation[1]
    else:
        raise ValueError(kind)


class Runner:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="dossier-rules.")
        shutil.copytree(os.path.join(EXAMPLES, "evidence"),
                        os.path.join(self.dir, "evidence"))
        self.n = 0
        self.failures = []

    def check(self, doc, what):
        """The findings of `check --format json`, after asserting the exit
        status of it and of `check --strict` (text) exactly."""
        self.n += 1
        path = os.path.join(self.dir, "d%d.yaml" % self.n)
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
        out = subprocess.run([DOSSIER, "check", "--format", "json", path],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            raise SystemExit("%s: check exit %d on %s: %s"
                             % (what, out.returncode, path, out.stderr))
        findings = json.loads(out.stdout)[0]["findings"]
        sev = [f["severity"] for f in findings]
        want = 1 if "error" in sev else 0
        if out.returncode != want:
            self.failures.append("%s: check exit %d, expected %d (%s)"
                                 % (what, out.returncode, want, sev))
        strict = subprocess.run([DOSSIER, "check", "--strict", path],
                                capture_output=True, text=True)
        want = 1 if "error" in sev or "warning" in sev else 0
        if strict.returncode != want:
            self.failures.append("%s: check --strict exit %d, expected %d "
                                 "(%s)" % (what, strict.returncode, want,
                                           sev))
        return findings

    def close(self):
        shutil.rmtree(self.dir)


def required_fields(tmpl):
    for s in tmpl["sections"]:
        for f in s["fields"]:
            if f.get("required") is True:
                yield s["id"], f, None
            for g in f.get("fields", []):
                if g.get("required") is True:
                    yield s["id"], g, f["id"]


def main():
    t7 = yaml.safe_load(open(os.path.join(TEMPLATES, "tr007-2026.yaml")))
    t8 = yaml.safe_load(open(os.path.join(TEMPLATES, "tr008-2026.yaml")))
    complete = yaml.safe_load(open(os.path.join(EXAMPLES, "complete.yaml")))
    table = rules(t7, t8)
    run = Runner()
    failures = run.failures
    base = run.check(complete, "complete.yaml")
    if base:
        failures.append("complete.yaml has findings: %r" % base[:3])

    tested = 0
    for t in (t7, t8):
        for s in t["sections"]:
            for r in s.get("rules", []):
                rid = r["id"]
                entry = table.get(rid)
                if entry is None or "bad" not in entry or "good" not in entry:
                    failures.append("rule %s has no bad and good cases in "
                                    "template_rules.py" % rid)
                    continue

                def mine(findings):
                    return [f for f in findings
                            if f["rule"] == rid and f["template"] == t["id"]]
                doc = copy.deepcopy(complete)
                for m in entry["bad"]:
                    apply(doc, m)
                found = mine(run.check(doc, "rule %s, bad" % rid))
                tested += 1
                if len(found) != 1:
                    failures.append("rule %s: expected 1 finding, got %d"
                                    % (rid, len(found)))
                elif found[0]["severity"] != r.get("severity", "error"):
                    failures.append("rule %s: severity %s, expected %s"
                                    % (rid, found[0]["severity"],
                                       r.get("severity", "error")))
                for i, good in enumerate(entry["good"], 1):
                    doc = copy.deepcopy(complete)
                    for m in good:
                        apply(doc, m)
                    found = mine(run.check(doc, "rule %s, good %d"
                                           % (rid, i)))
                    tested += 1
                    if found:
                        failures.append("rule %s fires on good case %d: %s"
                                        % (rid, i, found[0]["message"]))
    known = {r["id"] for t in (t7, t8) for s in t["sections"]
             for r in s.get("rules", [])}
    for rid in sorted(set(table) - known):
        failures.append("template_rules.py tests rule %s, which no "
                        "template has" % rid)

    skipped = []
    for t in (t7, t8):
        for sec, f, group in required_fields(t):
            key = "%s.%s.%s" % (t["id"], sec, f["id"]) if group is None \
                else "%s.%s.%s[].%s" % (t["id"], sec, group, f["id"])
            doc = copy.deepcopy(complete)
            gate, index = GATES.get(key, ([], 0))
            for m in gate:
                apply(doc, m)
            sa = doc["answers"].get(t["id"], {}).get(sec, {})
            if group is None:
                holder = sa
                path = key
            else:
                recs = sa.get(group, [{}])
                if index == "first-non-training":
                    index = [i for i, r in enumerate(recs)
                             if r.get("role") != "training"][0]
                holder = recs[index]
                path = "%s.%s.%s[%d].%s" % (t["id"], sec, group, index + 1,
                                            f["id"])
            holder.pop(f["id"], None)
            found = [x for x in run.check(doc, "required field " + key)
                     if x["path"] == path and x["field"] == f["id"]
                     and (x["message"].endswith("not answered")
                          or x["message"].endswith("no records yet"))]
            tested += 1
            if len(found) != 1:
                failures.append("required field %s: expected a missing "
                                "finding, got %d" % (path, len(found)))
    run.close()
    for line in failures:
        print("FAIL:", line)
    print("%d rules and required fields tested" % tested)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

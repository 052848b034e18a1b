"""Every rule and every required field of the bundled templates, tested.

For each rule: complete.yaml must not trigger it, and a copy of
complete.yaml changed by the mutation in RULE_MUTATIONS below must.  For
each required field: removing its answer from complete.yaml (from the
first record, for a record field) must give a "not answered" finding at
that field; where the field does not apply in complete.yaml, GATES says
which answers open it.  A rule or field the tables do not
cover fails the test, so a new rule cannot land untested.

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


def rule_mutations(t7, t8):
    first_other = lambda opts, bad: [o for o in opts if o not in bad][0]
    return {
        "excluded-category-consistent": [set_(
            "tr-007.qualification.non_md_category",
            first_other(options(t7, "qualification", "non_md_category"),
                        ["no, none of them"]))],
        "class-listable": [set_("tr-007.qualification.device_class",
                                "Class I")],
        "system-level-tested": [set_(
            "tr-007.verification.test_levels",
            [first_other(options(t7, "verification", "test_levels"),
                         ["system"])])],
        "version-justified": [
            set_("tr-007.versioning.validated_version", "0.0.1-other"),
            delete("tr-007.versioning.version_justification")],
        "listed-version-in-history": [
            set_("tr-007.versioning.listed_version", "9.9.9")],
        "no-universal-password": [set_(
            "tr-007.cybersecurity.default_password",
            "universal default password")],
        "cyber-incidents-reported": [set_(
            "tr-007.postmarket.covers_cyber_incidents", "no")],
        "public-health-within-48h": [set_(
            "tr-007.postmarket.public_health_hours", 72)],
        "serious-within-10-days": [set_(
            "tr-007.postmarket.serious_event_days", 15)],
        "other-within-30-days": [set_(
            "tr-007.postmarket.other_event_days", 45)],
        "training-dataset-present": [drop_records(
            "tr-008.datasets.datasets", "role", "training")],
        "validation-dataset-present": [drop_records(
            "tr-008.datasets.datasets", "role", "validation")],
        "test-dataset-present": [drop_records(
            "tr-008.datasets.datasets", "role", "test")],
        "overlap-justified": [
            ("overlap",)],
        "evaluated-version-matches-model": [set_(
            "tr-008.performance.evaluated_version", "0.0.0")],
        "rollback-available": [set_("tr-008.clc.rollback_possible", "no")],
        "warning-at-point-of-use": [set_(
            "tr-008.labelling.warning_locations",
            [first_other(options(t8, "labelling", "warning_locations"),
                         ["user interface, with each AI result",
                          "printed or exported reports"])])],
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
        recs = doc["answers"]["tr-008"]["datasets"]["datasets"]
        rec = [r for r in recs if r.get("role") != "training"][0]
        rec["overlaps_training"] = True
        rec.pop("overlap_justification", None)
    else:
        raise ValueError(kind)


class Runner:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="dossier-rules.")
        shutil.copytree(os.path.join(EXAMPLES, "evidence"),
                        os.path.join(self.dir, "evidence"))
        self.n = 0

    def check(self, doc):
        self.n += 1
        path = os.path.join(self.dir, "d%d.yaml" % self.n)
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
        out = subprocess.run([DOSSIER, "check", "--format", "json", path],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            raise SystemExit("check failed on %s: %s" % (path, out.stderr))
        return json.loads(out.stdout)[0]["findings"]

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
    muts = rule_mutations(t7, t8)
    run = Runner()
    failures = []
    base = run.check(complete)
    if base:
        failures.append("complete.yaml has findings: %r" % base[:3])

    tested = 0
    for t in (t7, t8):
        for s in t["sections"]:
            for r in s.get("rules", []):
                if r["id"] not in muts:
                    failures.append("rule %s has no mutation in "
                                    "template_rules.py" % r["id"])
                    continue
                doc = copy.deepcopy(complete)
                for m in muts[r["id"]]:
                    apply(doc, m)
                found = [f for f in run.check(doc)
                         if f["rule"] == r["id"] and f["template"] == t["id"]]
                tested += 1
                if len(found) != 1:
                    failures.append("rule %s: expected 1 finding, got %d"
                                    % (r["id"], len(found)))

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
            found = [x for x in run.check(doc)
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

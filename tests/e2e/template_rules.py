"""Every rule and constraint of the bundled templates, tested both ways.

complete.yaml must give no finding at all, and exit 0.  Then, each on a
copy of complete.yaml:

- rules: each rule of rule_cases() has "bad" mutations, which must give
  exactly one finding from that rule (EXTRA says which other findings a
  mutation may bring), and "good" cases (the justified exception, the
  limit that is still allowed), each of which must give none from it, so
  a rule that fires too often fails as surely as one that never fires;
  a rule without both kinds (an empty "good" says on purpose that
  complete.yaml is the only good case) fails the test;
- required fields: removing the answer (from the record GATES names, for a
  record field) gives one "not answered" finding at that field;
- substance (min_words): junk answers ("x", ".", 40 times "a", "n/a",
  "tbd", lorem ipsum, a word repeated, 待定, 同上, 詳見附件) each give one finding at the field
  and the exit status its severity implies, while the field's own example
  (which the template promises would pass) gives none;
- specify: ticking each such option makes its explanation required, and
  the example explanation satisfies it;
- unique: a record repeating another's key gives one finding per key;
- GN-10 date rules at their exact 12- and 24-week boundaries, and the
  dates measured against the declared submission date (certificate
  expiry, approval dates, the 2026 editions' start) at theirs, with junk
  dates refused by the date check alone;
- device facts: a field with `fact` is answered in device:, and an old
  answer under answers: that disagrees with the fact is refused;
- a dossier whose TR-007 answer says "not a medical device" gets exactly
  one finding from each other template;
- an empty evidence file is an error;
- provenance: no inferred or peer item is an error, and every clause that
  check prints for a non-primary reference carries its qualifier.

A rule, required field, min_words field, specify or unique key the tables
do not cover fails the test, so nothing new lands untested.  Every run
of `check` has its exit status asserted exactly, with and without
--strict: 1 when there is an error (with --strict, also a warning), else
0; 2 or anything else fails the test.

Run by tests/e2e/template-rules.sh with Debian's python3 (PyYAML).
"""
import copy
import datetime
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

DOSSIER = os.environ["DOSSIER"]
EXAMPLES = os.environ["EXAMPLES"]
TEMPLATES = os.environ["DOSSIER_TEMPLATE_PATH"].split(":")[0]
FILES = ("tr007-2026.yaml", "tr008-2026.yaml", "mdacs-listing.yaml")

JUNK = ["x", ".", "a" * 40, "n/a", "tbd", "TBD.",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        " ".join(["test"] * 40), "\u5f85\u5b9a",
        # 同上 ("same as above") and 詳見附件 ("see attached").
        "\u540c\u4e0a", "\u8a73\u898b\u9644\u4ef6"]


def section(tmpl, sid):
    return [s for s in tmpl["sections"] if s["id"] == sid][0]


def options(tmpl, sid, fid):
    return [f for f in section(tmpl, sid)["fields"]
            if f["id"] == fid][0]["options"]


def set_(path, value):
    return ("set", path, value)


def delete(path):
    return ("delete", path)


def drop_records(path, key, value):
    return ("drop_records", path, key, value)


def record(path, index, key, value):
    return ("record", path, index, key, value)


def day(s, delta):
    if not isinstance(s, datetime.date):
        s = datetime.date.fromisoformat(s)
    d = s + datetime.timedelta(days=delta)
    return d.isoformat()


SUBMITTED = "2026-03-16"    # complete.yaml's submission date
CH = "tr-007.change_history.changes"
DS = "tr-008.datasets.datasets"
MAJOR = 2   # the 2.4.0 record of complete.yaml: a major change
MINOR = 3   # the 2.4.1 record: a minor change


def rule_cases(tmpls, complete):
    """{rule id: {"bad": mutations, "good": [mutations, ...]}}."""
    t7 = tmpls["tr-007"]
    t8 = tmpls["tr-008"]
    recs = complete["answers"]["tr-007"]["change_history"]["changes"]
    impl = recs[MAJOR]["implementation_date"]
    first_other = lambda opts, bad: [o for o in opts if o not in bad][0]
    other_category = first_other(
        options(t7, "qualification", "non_md_category"), ["no, none of them"])
    open_major = {"version": "9.0.%d", "date": "2026-05-01",
                  "description": "A planned change of the model and its "
                                 "thresholds, awaiting approval.",
                  "classification": "major", "aware_date": "2026-01-02",
                  "submitted_date": "2026-01-05",
                  "implementation_date": "2026-06-01", "implemented": False,
                  "mdd_reference": "CA-2026-0%d", "both_supplied": False}

    def opened(i):
        return ("append", CH, dict(open_major, version="9.0.%d" % i,
                                   mdd_reference="CA-2026-0%d" % i))

    # Record i declares it shares data with roles, justified.  Its
    # manifest goes: complete.yaml's manifests prove the sets apart, and
    # a declaration they contradict is a finding of its own (evidence).
    def shares(i, roles):
        return [record(DS, i, "shares_with", roles),
                record(DS, i, "overlap_justification", GOOD_JUSTIFICATION)
                ] + [("unrecord", DS, i, k) for k in
                     ("manifest", "manifest_key", "manifest_patient")]
    not_md = set_("tr-007.qualification.is_medical_device", False)
    LA = "mdacs-listing."
    return {
        "excluded-category-consistent": {
            "bad": [set_("tr-007.qualification.non_md_category",
                         other_category)],
            # An excluded category is consistent with "not a device".
            "good": [[set_("tr-007.qualification.non_md_category",
                           other_category), not_md]]},
        "system-level-tested": {
            "bad": [set_("tr-007.verification.test_levels",
                         [first_other(options(t7, "verification",
                                              "test_levels"), ["system"])])],
            "good": [[set_("tr-007.verification.test_levels", ["system"])]]},
        # Any version of the history will do, not only the latest.
        "listed-version-in-history": {
            "bad": [set_("tr-007.versioning.listed_version", "9.9.9")],
            "good": [[set_("tr-007.versioning.listed_version",
                           recs[0]["version"])]]},
        "validated-version-in-history": {
            "bad": [set_("tr-007.versioning.validated_version", "2.3.9")],
            "good": [[set_("tr-007.versioning.validated_version",
                           recs[1]["version"])]]},
        # GN-10's limits themselves are allowed; a day more is not.
        "major-submitted-12-weeks-ahead": {
            "bad": [record(CH, MAJOR, "submitted_date", day(impl, -83))],
            "good": [[record(CH, MAJOR, "submitted_date", day(impl, -84))],
                     # A minor change has no 12-week rule.
                     [record(CH, MINOR, "submitted_date",
                             day(recs[MINOR]["implementation_date"], -1))]]},
        "major-approved-first": {
            "bad": [record(CH, MAJOR, "approved_date", day(impl, 1))],
            "good": [[record(CH, MAJOR, "approved_date", impl)],
                     # Not implemented yet: no approval is needed yet.
                     [opened(1)]]},
        "minor-notified-in-24-weeks": {
            "bad": [record(CH, MINOR, "aware_date",
                           day(recs[MINOR]["submitted_date"], -169))],
            "good": [[record(CH, MINOR, "aware_date",
                             day(recs[MINOR]["submitted_date"], -168))]]},
        "one-major-application-open": {
            "bad": [opened(1), opened(2)],
            "good": [[opened(1)]]},
        "no-universal-password": {
            "bad": [set_("tr-007.cybersecurity.default_password",
                         "universal default password")],
            "good": [[set_("tr-007.cybersecurity.default_password", o)]
                     for o in options(t7, "cybersecurity",
                                      "default_password")
                     if o != "universal default password"]},
        "cyber-incidents-reported": {
            "bad": [set_("tr-007.postmarket.covers_cyber_incidents", False)],
            "good": []},
        "public-health-within-48h": {
            "bad": [set_("tr-007.postmarket.public_health_hours", 49)],
            "good": [[set_("tr-007.postmarket.public_health_hours", 48)]]},
        "serious-within-10-days": {
            "bad": [set_("tr-007.postmarket.serious_event_days", 11)],
            "good": [[set_("tr-007.postmarket.serious_event_days", 10)]]},
        "other-within-30-days": {
            "bad": [set_("tr-007.postmarket.other_event_days", 31)],
            "good": [[set_("tr-007.postmarket.other_event_days", 30)]]},
        # Both tr-008 and mdacs-listing have it, each tested on its own.
        "not-a-medical-device": {
            "bad": [not_md],
            # Not answered yet is not "no".
            "good": [[delete("tr-007.qualification.is_medical_device")]]},
        # With no dataset at all, "not answered" says it, not these.
        "training-dataset-present": {
            "bad": [drop_records(DS, "role", "training")],
            "good": [[set_(DS, [])]]},
        "validation-dataset-present": {
            "bad": [drop_records(DS, "role", "validation")],
            "good": [[set_(DS, [])]]},
        "test-dataset-present": {
            "bad": [drop_records(DS, "role", "test")],
            "good": [[set_(DS, [])]]},
        "none-means-none": {
            "bad": [record(DS, 0, "shares_with", ["none", "test"]),
                    record(DS, 0, "overlap_justification",
                           GOOD_JUSTIFICATION)] + shares(2, ["training"]),
            # Justified sharing, said by both sides: the exception.
            "good": [shares(0, ["test"]) + shares(2, ["training"]),
                     shares(1, ["test"]) + shares(2, ["validation"])]},
        "sharing-is-mutual": {
            "bad": shares(2, ["validation"]),
            "good": [shares(1, ["test"]) + shares(2, ["validation"]),
                     shares(0, ["validation", "test"])
                     + shares(1, ["training"]) + shares(2, ["training"])]},
        "evaluated-version-matches-model": {
            "bad": [set_("tr-008.performance.evaluated_version", "0.0.0")],
            "good": [[set_("tr-008.performance.evaluated_version", "M-8"),
                      set_("tr-008.model.algorithm_version", "M-8")]]},
        "rollback-available": {
            "bad": [set_("tr-008.clc.rollback_possible", False)],
            "good": []},
        "warning-at-point-of-use": {
            "bad": [set_("tr-008.labelling.warning_locations",
                         [first_other(options(t8, "labelling",
                                              "warning_locations"),
                                      ["user interface, with each AI result",
                                       "printed or exported reports"])])],
            "good": [[set_("tr-008.labelling.warning_locations",
                           ["printed or exported reports"])],
                     [set_("tr-008.labelling.warning_locations",
                           ["user interface, with each AI result"])]]},
        "class-listable": {
            "bad": [set_("mdacs-listing.classification.device_class",
                         "Class I")],
            "good": [[set_("mdacs-listing.classification.device_class",
                           "Class III")],
                     [set_("mdacs-listing.classification.device_class",
                           "Class B (IVD)"),
                      set_("mdacs-listing.essential_principles."
                           "checklist_form",
                           "MDIVD-CCL (in-vitro diagnostic devices)")]]},
        "names-match": {
            "bad": [set_("mdacs-listing.manufacturer.name_consistent",
                         False)],
            "good": []},
        "approval-holder-matches": {
            "bad": [record("mdacs-listing.approvals.approvals", 0,
                           "holder_matches", False)],
            "good": []},
        # The IVD form goes with an IVD class, and only with one.
        "ivd-form": {
            "bad": [set_("mdacs-listing.essential_principles.checklist_form",
                         "MDIVD-CCL (in-vitro diagnostic devices)")],
            "good": [[set_("mdacs-listing.classification.device_class",
                           "Class B (IVD)"),
                      set_("mdacs-listing.essential_principles."
                           "checklist_form",
                           "MDIVD-CCL (in-vitro diagnostic devices)")]]},
        # The 2026 editions apply from 3 February 2026, that day included.
        "submission-under-2026-editions": {
            "bad": [set_(LA + "application.submission_date", "2026-02-02")],
            "good": [[set_(LA + "application.submission_date",
                           "2026-02-03")]]},
        # Valid on the day of submission is valid.
        "qms-valid-at-submission": {
            "bad": [set_(LA + "manufacturer.qms_expiry", day(SUBMITTED, -1))],
            "good": [[set_(LA + "manufacturer.qms_expiry", SUBMITTED)]]},
        "approvals-granted-by-submission": {
            "bad": [record(LA + "approvals.approvals", 1, "approval_date",
                           day(SUBMITTED, 1))],
            "good": [[record(LA + "approvals.approvals", 1, "approval_date",
                             SUBMITTED)]]},
        # A manufacturer that is its own LRP: the same name and address
        # are the exception, not a copy.
        "lrp-is-not-the-manufacturer": {
            "bad": [("device", "lrp", complete["device"]["manufacturer"])],
            "good": [[("device", "lrp", complete["device"]["manufacturer"]),
                      set_(LA + "manufacturer.own_lrp", True)]]},
        "lrp-address-in-hong-kong": {
            "bad": [("device", "lrp_address",
                     complete["device"]["manufacturer_address"])],
            "good": [[("device", "lrp_address",
                       complete["device"]["manufacturer_address"]),
                      set_(LA + "manufacturer.own_lrp", True)]]},
        "listing-status-consistent": {
            "bad": [set_("tr-007.change_history.already_listed", False)],
            # Never listed: nothing to be consistent with.
            "good": [[set_("tr-007.change_history.already_listed", False),
                      set_("mdacs-listing.transition.listed_before_2026",
                           False)]]},
    }


GOOD_JUSTIFICATION = (
    "Forty-one patients, three in every thousand of the test set, also "
    "appear in the training set because two sites merged their patient "
    "identifiers in 2019, after the split was made.  They could not be "
    "traced before testing.  Results without those patients differ by less "
    "than a tenth of a point, so the overlap does not flatter the reported "
    "performance.")

# Findings a rule's mutation brings besides the rule's own, by rule id:
# (template, rule or field id) pairs.
EXTRA = {
    # Not a medical device: TR-007 closes; each other template says once.
    "not-a-medical-device": {("tr-008", "not-a-medical-device"),
                             ("mdacs-listing", "not-a-medical-device")},
    # A listed device that is not listed: the GN-10 answers stop
    # applying, so nothing else changes.
}

# Required fields that do not apply in complete.yaml: the answers that
# open them, and which record to test for record fields.
GATES = {
    "tr-007.qualification.host_device":
        ([set_("tr-007.qualification.software_type", "SiMD")], 0),
    "tr-008.change_management.retraining_minor_reason":
        ([set_("tr-008.change_management.retraining_class", "minor")], 0),
    "mdacs-listing.manufacturer.business_registration":
        ([set_("mdacs-listing.manufacturer.local_manufacturer", True)], 0),
}
for _f in ("aware_date", "submitted_date", "implementation_date",
           "implemented", "mdd_reference", "both_supplied", "approved_date",
           "transition_schedule"):
    GATES["tr-007.change_history.changes[].%s" % _f] = ([], MAJOR)


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
    elif kind == "device":
        doc["device"][mutation[1]] = mutation[2]
    elif kind == "unrecord":
        node, key = walk(doc, mutation[1])
        node[key][mutation[2]].pop(mutation[3], None)
    elif kind == "append":
        node, key = walk(doc, mutation[1])
        node[key].append(copy.deepcopy(mutation[2]))
    else:
        raise ValueError(kind)


class Runner:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="dossier-rules.")
        shutil.copytree(os.path.join(EXAMPLES, "evidence"),
                        os.path.join(self.dir, "evidence"))
        open(os.path.join(self.dir, "evidence", "empty.md"), "w").close()
        self.n = 0
        self.failures = []

    def check(self, doc, want_rc, what):
        """Findings of doc.  Failures unless check exits 1 when there is an
        error and 0 otherwise, check --strict 1 when there is an error or
        a warning and 0 otherwise, and (unless want_rc is None) check
        exits with want_rc."""
        self.n += 1
        path = os.path.join(self.dir, "d%d.yaml" % self.n)
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
        # Both at once: on two cores that halves the wall time.
        strict = subprocess.Popen([DOSSIER, "check", "--strict", path],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        out = subprocess.run([DOSSIER, "check", "--format", "json", path],
                             capture_output=True, text=True)
        strict.wait()
        if out.returncode not in (0, 1):
            raise SystemExit("%s: check exit %d on %s: %s"
                             % (what, out.returncode, path, out.stderr))
        report = json.loads(out.stdout)[0]
        found = report["findings"]
        # What reading the evidence files found is among them (one
        # verdict); file_errors and the like count that part.
        every = found
        sev = {f["severity"] for f in every}
        brief = "; ".join(f["message"][:60] for f in every[:3])
        if out.returncode != rc_for(every):
            self.failures.append("%s: exit status %d with findings %s (%s)"
                                 % (what, out.returncode, sorted(sev),
                                    brief))
        if want_rc is not None and out.returncode != want_rc:
            self.failures.append("%s: exit status %d, expected %d (%s)" % (
                what, out.returncode, want_rc, brief))
        want = 1 if sev & {"error", "warning"} else 0
        if strict.returncode != want:
            self.failures.append("%s: check --strict exit %d, expected %d "
                                 "(%s)" % (what, strict.returncode, want,
                                           sorted(sev)))
        return found

    def run(self, doc):
        """check's exit status and standard error, for refused files."""
        self.n += 1
        path = os.path.join(self.dir, "d%d.yaml" % self.n)
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
        out = subprocess.run([DOSSIER, "check", path], capture_output=True,
                             text=True)
        return out.returncode, out.stderr

    def fail(self, msg):
        self.failures.append(msg)

    def close(self):
        shutil.rmtree(self.dir)


def rc_for(findings):
    return 1 if any(f["severity"] == "error" for f in findings) else 0


def effective(t, s, f=None, r=None):
    item = f if f is not None else r
    prov = item.get("provenance") if item is not None else None
    return prov or s.get("provenance")


def each_field(tmpl):
    """(section, field, group or None) for every field."""
    for s in tmpl["sections"]:
        for f in s["fields"]:
            yield s, f, None
            for g in f.get("fields", []):
                yield s, g, f


def key_of(t, s, f, g):
    if g is None:
        return "%s.%s.%s" % (t["id"], s["id"], f["id"])
    return "%s.%s.%s[].%s" % (t["id"], s["id"], g["id"], f["id"])


class FactView:
    """device: seen as the holder of a field bound to a device fact."""

    def __init__(self, device, fid, fact):
        self.device, self.fid, self.fact = device, fid, fact

    def _key(self, k):
        return self.fact if k == self.fid else k

    def __setitem__(self, k, v):
        self.device[self._key(k)] = v

    def __getitem__(self, k):
        return self.device[self._key(k)]

    def pop(self, k, default=None):
        return self.device.pop(self._key(k), default)


def holder(doc, t, s, f, g, index):
    """The mapping that holds f's answer, and the path check reports."""
    if f.get("fact") is not None:
        if not isinstance(doc.get("device"), dict):
            doc["device"] = {}
        return FactView(doc["device"], f["id"], f["fact"]), "%s.%s.%s" % (
            t["id"], s["id"], f["id"])
    sa = doc["answers"].setdefault(t["id"], {}).setdefault(s["id"], {})
    if g is None:
        return sa, "%s.%s.%s" % (t["id"], s["id"], f["id"])
    recs = sa.get(g["id"]) or [{}]
    return recs[index], "%s.%s.%s[%d].%s" % (t["id"], s["id"], g["id"],
                                             index + 1, f["id"])


def specify_gate(tmpls, t, s, f, g):
    """Mutations that tick the option whose 'specify' names field f."""
    fields = g["fields"] if g is not None else s["fields"]
    for src in fields:
        for opt, target in (src.get("specify") or {}).items():
            if target == f["id"]:
                value = [opt] if src["type"] == "multichoice" else opt
                return [("holder", src["id"], value)], src
    return None, None


def apply_gate(doc, t, s, f, g, index, gate):
    for m in gate:
        if m[0] == "holder":
            h, _ = holder(doc, t, s, {"id": m[1]}, g, index)
            h[m[1]] = m[2]
        else:
            apply(doc, m)


def test_rules(run, tmpls, complete):
    cases = rule_cases(tmpls, complete)
    n = 0
    for t in tmpls.values():
        for s in t["sections"]:
            for r in s.get("rules", []):
                entry = cases.get(r["id"])
                if entry is None or "bad" not in entry or \
                        "good" not in entry:
                    run.fail("rule %s has no bad and good cases in "
                             "template_rules.py" % r["id"])
                    continue
                doc = copy.deepcopy(complete)
                for m in entry["bad"]:
                    apply(doc, m)
                want = [(t["id"], r["id"])] + sorted(
                    x for x in EXTRA.get(r["id"], ()) if x[0] != t["id"])
                sev = r.get("severity", "error")
                extra_sev = "error" if EXTRA.get(r["id"]) else sev
                found = run.check(doc, 1 if "error" in (sev, extra_sev)
                                  else 0, "rule %s, bad" % r["id"])
                got = [(x["template"] or "", x["rule"] or x["field"] or "")
                       for x in found]
                n += 1
                if sorted(got) != sorted(want):
                    run.fail("rule %s: expected %r, got %r" % (
                        r["id"], want, [(x["template"], x["rule"],
                                         x["message"][:50]) for x in found]))
                elif [x["severity"] for x in found
                      if x["template"] == t["id"]] != [sev]:
                    run.fail("rule %s: severity %r, expected %s" % (
                        r["id"], [x["severity"] for x in found], sev))
                for i, good in enumerate(entry["good"], 1):
                    doc = copy.deepcopy(complete)
                    for m in good:
                        apply(doc, m)
                    found = run.check(doc, None, "rule %s, good %d"
                                      % (r["id"], i))
                    n += 1
                    mine = [x for x in found if x["template"] == t["id"]
                            and x["rule"] == r["id"]]
                    if mine:
                        run.fail("rule %s fires on good case %d: %s" % (
                            r["id"], i, mine[0]["message"]))
    known = {r["id"] for t in tmpls.values() for s in t["sections"]
             for r in s.get("rules", [])}
    for rid in sorted(set(cases) - known):
        run.fail("template_rules.py tests rule %s, which no template has"
                 % rid)
    return n


def test_boundaries(run, complete):
    """GN-10 deadlines hold exactly at 12 and 24 weeks."""
    recs = complete["answers"]["tr-007"]["change_history"]["changes"]
    impl = recs[MAJOR]["implementation_date"]
    cases = [
        (record(CH, MAJOR, "submitted_date", day(impl, -84)), 0),
        (record(CH, MAJOR, "approved_date", impl), 0),
        (record(CH, MINOR, "aware_date",
                day(recs[MINOR]["submitted_date"], -168)), 0),
        (record(CH, MAJOR, "approved_date", None), 1),
    ]
    for m, rc in cases:
        doc = copy.deepcopy(complete)
        apply(doc, m)
        if m[0] == "record" and m[4] is None:
            del doc["answers"]["tr-007"]["change_history"]["changes"][
                MAJOR]["approved_date"]
        found = run.check(doc, rc, "boundary %r" % (m,))
        if rc == 0 and found:
            run.fail("boundary %r: unexpected %r" % (m, found[:2]))
        if rc == 1 and [x["rule"] for x in found] != ["major-approved-first"]:
            run.fail("implemented major without approval: got %r" % found)
    # Dates measured against the submission date, never against today:
    # valid on the day itself, and the same verdict whatever day it is.
    LA = "mdacs-listing."
    cases = [
        ([set_(LA + "application.submission_date", "2026-02-03")], []),
        ([set_(LA + "manufacturer.qms_expiry", SUBMITTED)], []),
        ([record(LA + "approvals.approvals", 1, "approval_date",
                 SUBMITTED)], []),
        # A later submission date outlives the certificate (2028-09-30).
        ([set_(LA + "application.submission_date", "2028-10-01")],
         [("mdacs-listing", "qms-valid-at-submission")]),
        ([set_(LA + "application.submission_date", "2028-09-30")], []),
        # Junk dates: the date check says so, and no rule guesses.
        ([set_(LA + "application.submission_date", "2026-02-30")],
         [("mdacs-listing", "submission_date")]),
        ([set_(LA + "application.submission_date", "16/03/2026")],
         [("mdacs-listing", "submission_date")]),
        ([set_(LA + "application.submission_date", "x")],
         [("mdacs-listing", "submission_date")]),
        ([set_(LA + "manufacturer.qms_expiry", "2027-13-01")],
         [("mdacs-listing", "qms_expiry")]),
        ([set_(LA + "manufacturer.qms_expiry", "never")],
         [("mdacs-listing", "qms_expiry")]),
        ([record(LA + "approvals.approvals", 0, "approval_date", "0")],
         [("mdacs-listing", "approval_date")]),
        # Far in the past: before the 2026 editions applied.
        ([set_(LA + "application.submission_date", "1900-01-01")],
         [("mdacs-listing", "submission-under-2026-editions"),
          ("mdacs-listing", "approvals-granted-by-submission")]),
        ([delete(LA + "application.submission_date")],
         [("mdacs-listing", "submission_date")]),
    ]
    for muts, want in cases:
        doc = copy.deepcopy(complete)
        for m in muts:
            apply(doc, m)
        found = run.check(doc, 1 if want else 0, "dates %r" % (muts,))
        got = sorted((x["template"], x["rule"] or x["field"])
                     for x in found)
        if got != sorted(want):
            run.fail("dates %r: expected %r, got %r" % (
                muts, want, [x["message"][:60] for x in found]))
    return 4 + len(cases)


def test_facts(run, tmpls, complete):
    """A field bound to a device fact reads and writes device:."""
    n = 0
    for t in tmpls.values():
        for s, f, g in each_field(t):
            if f.get("fact") is None:
                continue
            path = key_of(t, s, f, g)
            n += 1
            if complete["device"].get(f["fact"]) is None or \
                    f["id"] in complete["answers"][t["id"]].get(s["id"], {}):
                run.fail("%s: complete.yaml should answer it once, as "
                         "device.%s" % (path, f["fact"]))
                continue
            # The same answer written under answers: too loads (it is the
            # same fact) ...
            doc = copy.deepcopy(complete)
            doc["answers"][t["id"]][s["id"]][f["id"]] = \
                complete["device"][f["fact"]]
            if run.check(doc, 0, "fact %s repeated" % path):
                run.fail("fact %s repeated: findings" % path)
            # ... the answer only under answers: becomes the fact ...
            del doc["device"][f["fact"]]
            if run.check(doc, 0, "fact %s moved" % path):
                run.fail("fact %s under answers: findings" % path)
            # ... and two different answers are refused with a position.
            doc = copy.deepcopy(complete)
            doc["answers"][t["id"]][s["id"]][f["id"]] = "Someone Else Ltd"
            rc, err = run.run(doc)
            if rc != 2 or "keep one of the two" not in err or \
                    not re.search(r"\.yaml:\d+:\d+: ", err):
                run.fail("fact %s: conflicting answers gave %d %r" % (
                    path, rc, err))
            n += 2
    if n == 0:
        run.fail("no field is bound to a device fact")
    return n


def test_required(run, tmpls, complete):
    n = 0
    for t in tmpls.values():
        for s, f, g in each_field(t):
            if f.get("required") is not True:
                continue
            key = key_of(t, s, f, g)
            doc = copy.deepcopy(complete)
            gate, index = GATES.get(key, ([], 0))
            for m in gate:
                apply(doc, m)
            h, path = holder(doc, t, s, f, g, index)
            h.pop(f["id"], None)
            found = run.check(doc, None, "required %s" % path)
            hits = [x for x in found if x["path"] == path
                    and x["field"] == f["id"]
                    and (x["message"].endswith("not answered")
                         or x["message"].endswith("no records yet"))]
            n += 1
            if len(hits) != 1:
                run.fail("required field %s: expected a missing finding, "
                         "got %r" % (path, [x["message"] for x in found]))
            elif len(found) == 1:
                want = 1 if hits[0]["severity"] == "error" else 0
                run.check(doc, want, "required %s (exit)" % path)
    return n


def answer_doc(tmpls, complete, t, s, f, g, value):
    """complete.yaml with f answered value (gates applied), and its path."""
    doc = copy.deepcopy(complete)
    key = key_of(t, s, f, g)
    gate, index = GATES.get(key, ([], 0))
    sgate, _ = specify_gate(tmpls, t, s, f, g)
    apply_gate(doc, t, s, f, g, index, gate + (sgate or []))
    h, path = holder(doc, t, s, f, g, index)
    h[f["id"]] = value
    return doc, path


CJK = "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u31bf\u3400-\u4dbf" \
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
WORD = re.compile("[%s]|[^\\W_%s]+" % (CJK, CJK))


def words(s):
    """Words as min_words counts them (a CJK character is one)."""
    return len(WORD.findall(s))


def shorten(text, n):
    """The longest prefix of text (whole tokens) with n words, or None."""
    tokens, best = text.split(), None
    for i in range(1, len(tokens) + 1):
        prefix = " ".join(tokens[:i])
        if words(prefix) > n:
            break
        best = prefix if words(prefix) == n else best
    return best


# What a hurried user types for a version.
VERSION_JUNK = ["a", "tbd", "latest", "x", "n/a"]


def test_versions(run, tmpls, complete):
    """Every version question without a pattern refuses an answer with no
    number in it, at its own path; its example passes.  Rules that compare
    versions may add findings of their own (a listed version missing from
    the history), so only this question's are held exactly."""
    n = 0
    for t in tmpls.values():
        for s, f, g in each_field(t):
            if f["type"] != "version" or "pattern" in f:
                continue
            # The example may repeat another record's version (a unique
            # key) or differ from the version a rule compares it with:
            # only what the answer itself draws counts here.
            doc, path = answer_doc(tmpls, complete, t, s, f, g,
                                   f["example"])
            found = run.check(doc, None, "good version %s" % path)
            n += 1
            if [x for x in found if x["path"] == path and x["rule"] is None
                    and "version identifier" in x["message"]]:
                run.fail("good version (the example) at %s refused" % path)
            for junk in VERSION_JUNK:
                doc, path = answer_doc(tmpls, complete, t, s, f, g, junk)
                found = run.check(doc, 1, "version %r at %s" % (junk, path))
                n += 1
                here = [x["message"] for x in found
                        if x["path"] == path and x["rule"] is None]
                if len(here) != 1 or "is not a version identifier" \
                        not in here[0]:
                    run.fail("version %r at %s: got %r" % (
                        junk, path,
                        [(x["path"], x["message"]) for x in found]))
    return n


def test_substance(run, tmpls, complete):
    n = 0
    for t in tmpls.values():
        for s, f, g in each_field(t):
            if "min_words" not in f:
                continue
            sev = f.get("severity", "error")
            if "example" not in f:
                run.fail("%s has min_words but no example" %
                         key_of(t, s, f, g))
                continue
            doc, path = answer_doc(tmpls, complete, t, s, f, g,
                                   f["example"])
            found = run.check(doc, 0, "good answer %s" % path)
            n += 1
            if found:
                run.fail("good answer (the example) at %s: %r" % (
                    path, [x["message"] for x in found]))
            for i in (n % len(JUNK), (n + 4) % len(JUNK)):
                doc, path = answer_doc(tmpls, complete, t, s, f, g, JUNK[i])
                found = run.check(doc, 1 if sev == "error" else 0,
                                  "junk %r at %s" % (JUNK[i][:12], path))
                n += 1
                if [x["path"] for x in found] != [path] or not (
                        "says nothing" in found[0]["message"]
                        or "too short" in found[0]["message"]):
                    run.fail("junk %r at %s: got %r" % (
                        JUNK[i][:12], path,
                        [(x["path"], x["message"]) for x in found]))
            short = shorten(f["example"], f["min_words"] - 1)
            if f["min_words"] >= 2 and short is not None:
                doc, path = answer_doc(tmpls, complete, t, s, f, g, short)
                found = run.check(doc, 1 if sev == "error" else 0,
                                  "short answer at %s" % path)
                n += 1
                if [x["path"] for x in found] != [path]:
                    run.fail("short answer at %s: got %r" % (
                        path, [x["message"] for x in found]))
    return n


# Warnings that ticking a specify option brings besides the explanation:
# one dataset saying it shares data, before its partner says so too.
SPECIFY_EXTRA = {"shares_with": {"sharing-is-mutual"}}


def test_specify(run, tmpls, complete):
    n = 0
    for t in tmpls.values():
        for s, f, g in each_field(t):
            for opt, target in (f.get("specify") or {}).items():
                fields = g["fields"] if g is not None else s["fields"]
                tf = [x for x in fields if x["id"] == target][0]
                doc = copy.deepcopy(complete)
                index = 0
                gate, _ = GATES.get(key_of(t, s, f, g), ([], 0))
                value = [opt] if f["type"] == "multichoice" else opt
                apply_gate(doc, t, s, f, g, index,
                           gate + [("holder", f["id"], value)])
                h, path = holder(doc, t, s, tf, g, index)
                h.pop(target, None)
                # As in shares(): complete.yaml's manifests prove the sets
                # apart, so a declared overlap takes them out.
                if "manifest" in h and f["id"] == "shares_with":
                    for k in ("manifest", "manifest_key", "manifest_patient"):
                        h.pop(k, None)
                sev = tf.get("severity", "error")
                found = run.check(doc, 1 if sev == "error" else 0,
                                  "specify %s=%s" % (f["id"], opt))
                found = [x for x in found
                         if x["rule"] not in SPECIFY_EXTRA.get(f["id"], ())]
                n += 1
                if [(x["path"], x["message"].endswith("not answered"))
                        for x in found] != [(path, True)]:
                    run.fail("choosing %r for %s must ask %s: got %r" % (
                        opt, f["id"], target,
                        [(x["path"], x["message"]) for x in found]))
                h[target] = tf["example"]
                found = run.check(doc, 0, "specified %s" % target)
                found = [x for x in found
                         if x["rule"] not in SPECIFY_EXTRA.get(f["id"], ())]
                n += 1
                if found:
                    run.fail("%s answered with its example: %r" % (
                        path, [x["message"] for x in found]))
    return n


def test_unique(run, tmpls, complete):
    n = 0
    for t in tmpls.values():
        for s, f, g in each_field(t):
            for spec in f.get("unique") or []:
                keys = spec if isinstance(spec, list) else [spec]
                doc = copy.deepcopy(complete)
                recs = doc["answers"][t["id"]][s["id"]][f["id"]]
                dup = copy.deepcopy(recs[0])
                # Keep every other unique key distinct (its first field
                # is enough, and leaves patterns on the others alone).
                for other in f["unique"]:
                    k = other[0] if isinstance(other, list) else other
                    if k not in keys and isinstance(dup.get(k), str):
                        dup[k] += " (second copy)"
                recs.append(dup)
                found = run.check(doc, 1, "unique %s in %s" % (keys,
                                                               f["id"]))
                n += 1
                want = "%s.%s.%s[%d].%s" % (t["id"], s["id"], f["id"],
                                            len(recs), keys[0])
                dups = [x for x in found if "as record 1" in x["message"]]
                if [x["path"] for x in dups] != [want]:
                    run.fail("unique %s of %s: got %r" % (
                        keys, f["id"], [(x["path"], x["message"][:50])
                                        for x in found]))
    return n


def test_not_a_medical_device(run, complete):
    doc = copy.deepcopy(complete)
    doc["answers"]["tr-007"]["qualification"]["is_medical_device"] = False
    found = run.check(doc, 1, "not a medical device")
    got = sorted((x["template"], x["rule"]) for x in found)
    want = [("mdacs-listing", "not-a-medical-device"),
            ("tr-008", "not-a-medical-device")]
    if got != want:
        run.fail("not a medical device: expected %r, got %r" % (
            want, [(x["template"], x["message"][:40]) for x in found]))
    return 1


def test_empty_evidence(run, complete):
    doc = copy.deepcopy(complete)
    doc["answers"]["tr-007"]["verification"]["vv_report"] = \
        "evidence/empty.md"
    found = run.check(doc, 1, "empty evidence")
    if [(x["path"], "is empty" in x["message"]) for x in found] != [
            ("tr-007.verification.vv_report", True)]:
        run.fail("empty evidence: got %r" % found)
    return 1


def test_provenance(run, tmpls, complete):
    """No inferred or peer item is an error; check qualifies every cite."""
    n = 0
    for t in tmpls.values():
        for s in t["sections"]:
            for f in s["fields"]:
                for x in [f] + f.get("fields", []):
                    prov = x.get("provenance") or f.get("provenance") \
                        or s.get("provenance")
                    n += 1
                    if prov in ("inferred", "peer") and \
                            x.get("severity", "error") == "error" and \
                            (x.get("required") or "min_words" in x):
                        run.fail("%s.%s.%s is %s but an error" % (
                            t["id"], s["id"], x["id"], prov))
            for r in s.get("rules", []):
                n += 1
                prov = r.get("provenance") or s.get("provenance")
                if prov in ("inferred", "peer") and \
                        r.get("severity", "error") == "error":
                    run.fail("rule %s is %s but an error" % (r["id"], prov))
    # A dossier with many findings: every non-primary cite says so.
    doc = copy.deepcopy(complete)
    for t in doc["answers"].values():
        for sa in t.values():
            sa.clear()
    quals = {"secondary": "(secondary source)", "summary-only":
             "(summary only)", "inferred": "(inferred)", "topic":
             "(topic; no clause number known)", "peer": "(peer practice)"}
    for x in run.check(doc, 1, "empty dossier"):
        n += 1
        if x["provenance"] in quals and \
                not x["cite"].endswith(quals[x["provenance"]]):
            run.fail("cite %r lacks %r" % (x["cite"],
                                           quals[x["provenance"]]))
        if x["provenance"] in (None, "primary") and x["cite"] and \
                x["cite"].endswith(")") and x["provenance"] is not None:
            run.fail("primary cite %r carries a qualifier" % x["cite"])
    return n


def main():
    tmpls = {}
    for name in FILES:
        with open(os.path.join(TEMPLATES, name), encoding="utf-8") as f:
            t = yaml.safe_load(f)
        tmpls[t["id"]] = t
    with open(os.path.join(EXAMPLES, "complete.yaml"), encoding="utf-8") as f:
        complete = yaml.safe_load(f)
    # Without its evidence register: the rules' mutations drop and rename
    # files, and what the register then says about them (proof.sh tests
    # it) is no rule's finding.
    complete.pop("evidence", None)
    run = Runner()
    base = run.check(complete, 0, "complete.yaml")
    if base:
        run.fail("complete.yaml has findings: %r" % base[:3])
    parts = [
        ("rules", lambda: test_rules(run, tmpls, complete)),
        ("boundaries", lambda: test_boundaries(run, complete)),
        ("facts", lambda: test_facts(run, tmpls, complete)),
        ("required", lambda: test_required(run, tmpls, complete)),
        ("substance", lambda: test_substance(run, tmpls, complete)),
        ("versions", lambda: test_versions(run, tmpls, complete)),
        ("specify", lambda: test_specify(run, tmpls, complete)),
        ("unique", lambda: test_unique(run, tmpls, complete)),
        ("not-a-medical-device",
         lambda: test_not_a_medical_device(run, complete)),
        ("empty-evidence", lambda: test_empty_evidence(run, complete)),
        ("provenance", lambda: test_provenance(run, tmpls, complete)),
    ]
    # make mutants runs only the part that should catch a mutant (its
    # "env:" line); make check never sets this, and it is said aloud.
    only = [x for x in re.split(r"[,\s]+",
                                os.environ.get("TEMPLATE_RULES_PARTS", ""))
            if x]
    unknown = set(only) - {name for name, _ in parts}
    if unknown:
        raise SystemExit("TEMPLATE_RULES_PARTS: no part %s"
                         % ", ".join(sorted(unknown)))
    if only:
        print("only %s (TEMPLATE_RULES_PARTS)" % " ".join(only))
    tested = 0
    for name, fn in parts:
        if not only or name in only:
            tested += fn()
    run.close()
    for line in run.failures:
        print("FAIL:", line)
    print("%d rules, constraints and cases tested" % tested)
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())

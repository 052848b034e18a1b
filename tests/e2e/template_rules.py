"""Every rule and constraint of the bundled templates, tested.

complete.yaml must give no finding at all, and exit 0.  Then, each on a
copy of complete.yaml:

- rules: the mutation in rule_mutations() must give exactly one finding
  from that rule; EXTRA says which other findings a mutation may bring;
- required fields: removing the answer (from the record GATES names, for a
  record field) gives one "not answered" finding at that field;
- substance (min_words): junk answers ("x", ".", 40 times "a", "n/a",
  "tbd", lorem ipsum, a word repeated) each give one finding at the field
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
do not cover fails the test, so nothing new lands untested.  Every check
asserts the exact exit status.

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
        " ".join(["test"] * 40), "\u5f85\u5b9a"]


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


def rule_mutations(tmpls, complete):
    t7 = tmpls["tr-007"]
    t8 = tmpls["tr-008"]
    recs = complete["answers"]["tr-007"]["change_history"]["changes"]
    impl = recs[MAJOR]["implementation_date"]
    first_other = lambda opts, bad: [o for o in opts if o not in bad][0]
    open_major = {"version": "9.0.%d", "date": "2026-05-01",
                  "description": "A planned change of the model and its "
                                 "thresholds, awaiting approval.",
                  "classification": "major", "aware_date": "2026-01-02",
                  "submitted_date": "2026-01-05",
                  "implementation_date": "2026-06-01", "implemented": False,
                  "mdd_reference": "CA-2026-0%d", "both_supplied": False}
    return {
        "excluded-category-consistent": [set_(
            "tr-007.qualification.non_md_category",
            first_other(options(t7, "qualification", "non_md_category"),
                        ["no, none of them"]))],
        "system-level-tested": [set_(
            "tr-007.verification.test_levels",
            [first_other(options(t7, "verification", "test_levels"),
                         ["system"])])],
        "listed-version-in-history": [
            set_("tr-007.versioning.listed_version", "9.9.9")],
        "validated-version-in-history": [
            set_("tr-007.versioning.validated_version", "2.3.9")],
        "major-submitted-12-weeks-ahead": [
            record(CH, MAJOR, "submitted_date", day(impl, -83))],
        "major-approved-first": [
            record(CH, MAJOR, "approved_date", day(impl, 1))],
        "minor-notified-in-24-weeks": [
            record(CH, MINOR, "aware_date",
                   day(recs[MINOR]["submitted_date"], -169))],
        "one-major-application-open": [("append", CH, dict(
            open_major, version="9.0.%d" % i,
            mdd_reference="CA-2026-0%d" % i)) for i in (1, 2)],
        "no-universal-password": [set_(
            "tr-007.cybersecurity.default_password",
            "universal default password")],
        "cyber-incidents-reported": [set_(
            "tr-007.postmarket.covers_cyber_incidents", False)],
        "public-health-within-48h": [set_(
            "tr-007.postmarket.public_health_hours", 72)],
        "serious-within-10-days": [set_(
            "tr-007.postmarket.serious_event_days", 15)],
        "other-within-30-days": [set_(
            "tr-007.postmarket.other_event_days", 45)],
        "not-a-medical-device": [set_(
            "tr-007.qualification.is_medical_device", False)],
        "training-dataset-present": [drop_records(DS, "role", "training")],
        "validation-dataset-present": [
            drop_records(DS, "role", "validation")],
        "test-dataset-present": [drop_records(DS, "role", "test")],
        "none-means-none": [record(DS, 0, "shares_with", ["none", "test"]),
                            record(DS, 0, "overlap_justification",
                                   GOOD_JUSTIFICATION),
                            record(DS, 2, "shares_with", ["training"]),
                            record(DS, 2, "overlap_justification",
                                   GOOD_JUSTIFICATION)],
        "sharing-is-mutual": [record(DS, 2, "shares_with", ["validation"]),
                              record(DS, 2, "overlap_justification",
                                     GOOD_JUSTIFICATION)],
        "evaluated-version-matches-model": [set_(
            "tr-008.performance.evaluated_version", "0.0.0")],
        "rollback-available": [set_("tr-008.clc.rollback_possible", False)],
        "warning-at-point-of-use": [set_(
            "tr-008.labelling.warning_locations",
            [first_other(options(t8, "labelling", "warning_locations"),
                         ["user interface, with each AI result",
                          "printed or exported reports"])])],
        "class-listable": [set_(
            "mdacs-listing.classification.device_class", "Class I")],
        "names-match": [set_(
            "mdacs-listing.manufacturer.name_consistent", False)],
        "approval-holder-matches": [record(
            "mdacs-listing.approvals.approvals", 0, "holder_matches",
            False)],
        "ivd-form": [set_(
            "mdacs-listing.essential_principles.checklist_form",
            "MDIVD-CCL (in-vitro diagnostic devices)")],
        "submission-under-2026-editions": [set_(
            "mdacs-listing.application.submission_date", "2026-02-02")],
        "qms-valid-at-submission": [set_(
            "mdacs-listing.manufacturer.qms_expiry", day(SUBMITTED, -1))],
        "approvals-granted-by-submission": [record(
            "mdacs-listing.approvals.approvals", 1, "approval_date",
            day(SUBMITTED, 1))],
        "lrp-is-not-the-manufacturer": [
            ("device", "lrp", complete["device"]["manufacturer"])],
        "lrp-address-in-hong-kong": [
            ("device", "lrp_address",
             complete["device"]["manufacturer_address"])],
        "listing-status-consistent": [set_(
            "tr-007.change_history.already_listed", False)],
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
        """Findings of doc; a failure unless check exits with want_rc."""
        self.n += 1
        path = os.path.join(self.dir, "d%d.yaml" % self.n)
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
        out = subprocess.run([DOSSIER, "check", "--format", "json", path],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            raise SystemExit("check failed on %s: %s" % (path, out.stderr))
        found = json.loads(out.stdout)[0]["findings"]
        if want_rc is not None and out.returncode != want_rc:
            self.failures.append("%s: exit status %d, expected %d (%s)" % (
                what, out.returncode, want_rc,
                "; ".join(f["message"][:60] for f in found[:3])))
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
    muts = rule_mutations(tmpls, complete)
    n = 0
    for t in tmpls.values():
        for s in t["sections"]:
            for r in s.get("rules", []):
                if r["id"] not in muts:
                    run.fail("rule %s has no mutation in template_rules.py"
                             % r["id"])
                    continue
                doc = copy.deepcopy(complete)
                for m in muts[r["id"]]:
                    apply(doc, m)
                want = [(t["id"], r["id"])] + sorted(
                    x for x in EXTRA.get(r["id"], ()) if x[0] != t["id"])
                sev = r.get("severity", "error")
                extra_sev = "error" if EXTRA.get(r["id"]) else sev
                found = run.check(doc, 1 if "error" in (sev, extra_sev)
                                  else 0, "rule %s" % r["id"])
                got = [(x["template"], x["rule"] or x["field"])
                       for x in found]
                n += 1
                if sorted(got) != sorted(want):
                    run.fail("rule %s: expected %r, got %r" % (
                        r["id"], want, [(x["template"], x["rule"],
                                         x["message"][:50]) for x in found]))
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
    run = Runner()
    base = run.check(complete, 0, "complete.yaml")
    if base:
        run.fail("complete.yaml has findings: %r" % base[:3])
    tested = 0
    tested += test_rules(run, tmpls, complete)
    tested += test_boundaries(run, complete)
    tested += test_facts(run, tmpls, complete)
    tested += test_required(run, tmpls, complete)
    tested += test_substance(run, tmpls, complete)
    tested += test_specify(run, tmpls, complete)
    tested += test_unique(run, tmpls, complete)
    tested += test_not_a_medical_device(run, complete)
    tested += test_empty_evidence(run, complete)
    tested += test_provenance(run, tmpls, complete)
    run.close()
    for line in run.failures:
        print("FAIL:", line)
    print("%d rules, constraints and cases tested" % tested)
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())

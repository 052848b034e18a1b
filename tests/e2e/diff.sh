#!/bin/sh
# dossier diff: answers, records by identity, status, findings, device,
# templates and the GN-10 marks; text and JSON; and git's external diff
# driver in a real temporary repository.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

command -v git >/dev/null 2>&1 || { echo "git not installed"; exit 77; }

# has WHAT FILE FIXED-STRING / hasnt WHAT FILE FIXED-STRING
has() {
	if grep -qF -- "$3" "$2"; then pass; else
		fail "$1: no '$3' in:"; head -20 "$2" | sed 's/^/  /'; fi
}
hasnt() {
	if grep -qF -- "$3" "$2"; then
		fail "$1: unexpected '$3':"; grep -F -- "$3" "$2" | head -5
	else pass; fi
}

# edit IN OUT PYTHON: OUT is IN changed by PYTHON acting on the tree d
# (every scalar a string, as dossier reads them).
edit() {
	"$PYTHON3" - "$1" "$2" "$3" <<'PY' || exit 99
import sys, yaml
d = yaml.load(open(sys.argv[1]), Loader=yaml.BaseLoader)
exec(sys.argv[3])
out = yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=1000)
open(sys.argv[2], "w").write(out.replace("format: '1'", "format: 1"))
PY
}

repo=$TMP/repo
mkdir -p "$repo"
cp -r "$EXAMPLES/evidence" "$repo/"
cp "$EXAMPLES/complete.yaml" "$repo/dossier.yaml"
old=$repo/dossier.yaml
new=$TMP/new.yaml

# Datasets reordered (no change by identity), one dataset's size changed,
# the intended use changed (GN-10 major), a release removed, the model
# renamed, a required answer removed (Complete -> Missing).
edit "$old" "$new" '
a = d["answers"]
ds = a["tr-008"]["datasets"]["datasets"]
ds.reverse()
[x for x in ds if x["name"] == "HL-CXR-Val"][0]["size"] = "23000"
a["tr-008"]["intended_use"]["intended_use"] = "To help radiologists in hospitals and clinics prioritise adult and adolescent chest X-rays."
a["tr-007"]["change_history"]["changes"] = [c for c in a["tr-007"]["change_history"]["changes"] if c["version"] != "2.3.0"]
d["device"]["model"] = "TF-CXR-2"
del a["tr-007"]["lifecycle"]["end_of_support"]
'
cp -r "$EXAMPLES/evidence" "$TMP/"

run diff "$old" "$old"
expect_rc 0 "a dossier against itself"
check "no differences, no output" test ! -s "$TMP/out"

run diff "$old" "$new"
expect_rc 1 "differences exit 1, as diff(1)"
no_sanitizer "diff"
cp "$TMP/out" "$TMP/diff.txt"
has "record field matched by identity" "$TMP/diff.txt" \
    "Datasets [HL-CXR-Val]: Size: '22800' → '23000' [tr-008.datasets.datasets[HL-CXR-Val].size]"
hasnt "reordering records is no change" "$TMP/diff.txt" "HL-CXR-Train"
hasnt "reordering records is no change" "$TMP/diff.txt" "HK-CXR-Test"
has "a removed record by its key" "$TMP/diff.txt" \
    "record removed: GN-10 (secondary source): Change history (GN-10): Released versions and their changes [2.3.0] [tr-007.change_history.changes[2.3.0]]"
has "the device" "$TMP/diff.txt" "device: device model: 'TF-CXR' → 'TF-CXR-2' [device.model]"
has "section and clause of an answer" "$TMP/diff.txt" \
    "changed: TR-008, intended use (inferred): Intended use and role of the AI output: Intended use:"
has "GN-10 mark with provenance" "$TMP/diff.txt" \
    "[tr-008.intended_use.intended_use] (GN-10: likely a major change, may need a change application; secondary)"
has "status from the checklist" "$TMP/diff.txt" \
    "status: TR-007 1.1.3 (secondary source): Total product life cycle: Until when will the software be supported, and how will users be told when support ends?: Complete → Missing"
has "finding added" "$TMP/diff.txt" "finding added: TR-007 1.1.3 (secondary source): warning: Until when will the software be supported"
has "summary sorts changes by GN-10 impact" "$TMP/diff.txt" \
    "on questions GN-10 would likely treat as major (may need a change application): tr-008.intended_use.intended_use, tr-008.datasets.datasets[HL-CXR-Val].size"
shape="^$TMP/(new|repo/dossier)\\.yaml:([0-9]+:[0-9]+:)? [a-z ]+: .*\$"
bad=$(grep -Evc "$shape" "$TMP/diff.txt")
check "every line has the compiler shape" test "$bad" -eq 0

# The old side's lines point into the old file.
has "removed things point into the old file" "$TMP/diff.txt" "$old:"

run diff "$new" "$old"
expect_rc 1 "reverse diff"
has "reverse: record added" "$TMP/out" "record added: GN-10"
has "reverse: finding resolved" "$TMP/out" "finding resolved: TR-007 1.1.3"

LC_ALL=C run diff "$old" "$new"
has "an ASCII arrow outside UTF-8" "$TMP/out" "'22800' -> '23000'"

run diff --format csv "$old" "$new"
expect_rc 2 "diff --format csv is refused, not answered in text"
[ -s "$TMP/out" ] && fail "diff --format csv wrote: $(head -2 "$TMP/out")" ||
    pass
run diff --format json "$old" "$new"
expect_rc 1 "diff --format json"
check "diff JSON parses and names everything" "$PYTHON3" - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ch = d["changes"]
iu = [c for c in ch if c["path"] == "tr-008.intended_use.intended_use" and c["kind"] == "changed"][0]
assert iu["impact"] == "major" and iu["impact_provenance"] == "secondary", iu
assert iu["section"] == "intended_use" and iu["field"] == "intended_use"
assert iu["template"] == "tr-008" and iu["line"] > 0
st = [c for c in ch if c["kind"] == "status"][0]
assert (st["old"], st["new"]) == ("Complete", "Missing"), st
m = [c for c in ch if c["path"] == "device.model"][0]
assert m["impact"] is None
assert d["major"] == 2, d["major"]
PY

# Templates: a dossier that drops TR-008.
edit "$old" "$TMP/no8.yaml" '
d["templates"] = ["tr-007:2026"]
del d["answers"]["tr-008"]
'
run diff "$old" "$TMP/no8.yaml"
has "a template removed" "$TMP/out" "template: template tr-008: 'tr-008:2026' → (none) [templates.tr-008]"

run diff "$old"
expect_rc 2 "one file is bad usage"
run diff "$old" "$HOSTILE/invalid-yaml.yaml"
expect_rc 2 "unreadable NEW"

# Many major changes: each is listed, but the summary line names the
# first ten and counts the rest, so that it stays a line a person reads.
edit "$old" "$TMP/many-a.yaml" '
import copy
ds = d["answers"]["tr-008"]["datasets"]["datasets"]
base = ds[0]
ds[:] = [dict(copy.deepcopy(base), name="Cohort %02d" % i,
              size=str(1000 + i)) for i in range(25)]'
edit "$TMP/many-a.yaml" "$TMP/many-b.yaml" '
for r in d["answers"]["tr-008"]["datasets"]["datasets"]:
    r["size"] = str(int(r["size"]) + 1)'
run diff "$TMP/many-a.yaml" "$TMP/many-b.yaml"
expect_rc 1 "25 changed sizes differ"
n=$(grep -c "Size: '" "$TMP/out" || true)
check "every one of the 25 changes is listed (got $n)" test "$n" -eq 25
has "the summary counts all 25" "$TMP/out" "25 on questions GN-10 would likely treat as major"
has "the summary names the first" "$TMP/out" "tr-008.datasets.datasets[Cohort 00].size, "
has "the summary counts what it leaves out" "$TMP/out" "tr-008.datasets.datasets[Cohort 09].size and 15 more"
hasnt "the summary stops at ten" "$TMP/out" "[Cohort 10].size,"

# A record whose key is shared or blank is known by its position (#N);
# the others keep their key, even beside duplicates.
edit "$TMP/many-a.yaml" "$TMP/dup-a.yaml" '
ds = d["answers"]["tr-008"]["datasets"]["datasets"]
ds[1]["name"] = ds[2]["name"] = "Twin"
ds[3]["name"] = "#4 lookalike"'
edit "$TMP/dup-a.yaml" "$TMP/dup-b.yaml" '
ds = d["answers"]["tr-008"]["datasets"]["datasets"]
for i in (0, 2, 3):
    ds[i]["size"] = "7"'
run diff "$TMP/dup-a.yaml" "$TMP/dup-b.yaml"
expect_rc 1 "duplicate keys differ"
has "a unique key names its record" "$TMP/out" "[tr-008.datasets.datasets[Cohort 00].size]"
has "a shared key: the position" "$TMP/out" "[tr-008.datasets.datasets[#3].size]"
has "a key like a position: the position" "$TMP/out" "[tr-008.datasets.datasets[#4].size]"
hasnt "the twin that did not change" "$TMP/out" "datasets[#2]"
hasnt "no record by a shared key" "$TMP/out" "[Twin]"

# --- git's external diff driver --------------------------------------
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
(
	cd "$repo" &&
	git init -q . &&
	git config user.email t@example.com && git config user.name T &&
	echo '*.yaml diff=dossier' >.gitattributes &&
	git config diff.dossier.command "$DOSSIER diff" &&
	git add -A && git commit -qm one &&
	cp "$new" dossier.yaml &&
	git diff >"$TMP/gitdiff" 2>"$TMP/giterr" &&
	git commit -qam two &&
	git log -p --ext-diff >"$TMP/gitlog" 2>>"$TMP/giterr" &&
	cp "$TMP/no8.yaml" other.yaml && git add other.yaml &&
	git diff --cached >"$TMP/gitadd" 2>>"$TMP/giterr"
) || fail "git steps failed: $(cat "$TMP/giterr")"
has "git diff shows questions" "$TMP/gitdiff" \
    "dossier.yaml:"
has "git diff: the driver's header" "$TMP/gitdiff" "dossier diff a/dossier.yaml b/dossier.yaml"
has "git diff: by question" "$TMP/gitdiff" "Datasets [HL-CXR-Val]: Size: '22800' → '23000'"
hasnt "git diff: no YAML lines" "$TMP/gitdiff" "@@"
has "git log -p --ext-diff too" "$TMP/gitlog" "record removed: GN-10"
has "an added dossier against nothing" "$TMP/gitadd" "added: TR-007"
check "git saw no driver failure" test ! -s "$TMP/giterr"

finish

#!/bin/sh
# dossier merge as git's merge driver, in a real temporary repository:
# disjoint edits (even on neighbouring lines) merge clean; records merge
# by identity; the same answer changed on both sides is a conflict that
# stays valid YAML and that check reports as an error.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

command -v git >/dev/null 2>&1 || { echo "git not installed"; exit 77; }

edit() {
	"$PYTHON3" - "$1" "$2" <<'PY' || exit 99
import sys, yaml
d = yaml.load(open("dossier.yaml"), Loader=yaml.BaseLoader)
exec(sys.argv[1])
out = yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=1000)
open("dossier.yaml", "w").write(out.replace("format: '1'", "format: 1"))
PY
	git commit -qam "$2" || exit 99
}

export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
repo=$TMP/repo
mkdir -p "$repo"
cd "$repo" || exit 99
cp -r "$EXAMPLES/evidence" .
git init -q -b main . 2>/dev/null || git init -q .
git checkout -q -B main
git config user.email t@example.com
git config user.name T
git config merge.dossier.name 'dossier merge by question'
git config merge.dossier.driver "$DOSSIER merge %O %A %B"
echo 'dossier.yaml merge=dossier' >.gitattributes
# Canonical form first, so both branches start from dossier's own layout.
"$DOSSIER" export "$EXAMPLES/complete.yaml" --yaml dossier.yaml || exit 99
git add -A && git commit -qm base

# --- disjoint edits ---------------------------------------------------
git checkout -qb alice
edit '
d["device"]["model"] = "TF-CXR-2"
ds = d["answers"]["tr-008"]["datasets"]["datasets"]
[x for x in ds if x["name"] == "HL-CXR-Val"][0]["size"] = "23000"
d["answers"]["tr-007"]["change_history"]["changes"].append({"version": "2.5.0",
  "date": "2026-06-01", "description": "New heat map colours.", "classification": "minor"})
' alice
git checkout -q main
git checkout -qb bob
edit '
d["device"]["manufacturer"] = "Harbourline Imaging Analytics Limited"
ds = d["answers"]["tr-008"]["datasets"]["datasets"]
ds.reverse()
[x for x in ds if x["name"] == "HK-CXR-Test"][0]["size"] = "5200"
d["answers"]["tr-008"]["intended_use"]["intended_use"] += "Also for adolescents aged 16 and over."
' bob

# Without the driver, git's line merge stumbles on neighbouring lines.
git checkout -q alice
echo 'dossier.yaml merge=text' >.git/info/attributes
git merge -q bob >"$TMP/gm.out" 2>&1
check "line-based merge conflicts on neighbouring device lines" test $? -ne 0
check "...in the text merge's own words" grep -q "CONFLICT (content)" "$TMP/gm.out"
git merge --abort
rm .git/info/attributes

git merge -q -m merged bob >"$TMP/gm.out" 2>&1
rc=$?
check "the driver merges disjoint edits cleanly" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/  /' "$TMP/gm.out"
check "clean merge: everything from both sides" "$PYTHON3" - <<'PY'
import yaml
d = yaml.load(open("dossier.yaml"), Loader=yaml.BaseLoader)
assert d["device"]["model"] == "TF-CXR-2"
assert d["device"]["manufacturer"] == "Harbourline Imaging Analytics Limited"
ds = {x["name"]: x for x in d["answers"]["tr-008"]["datasets"]["datasets"]}
assert len(ds) == 3
assert ds["HL-CXR-Val"]["size"] == "23000" and ds["HK-CXR-Test"]["size"] == "5200"
assert d["answers"]["tr-008"]["intended_use"]["intended_use"].endswith("aged 16 and over.")
v = [c["version"] for c in d["answers"]["tr-007"]["change_history"]["changes"]]
assert v == ["2.0.0", "2.3.0", "2.4.0", "2.4.1", "2.5.0"], v
assert "conflicts" not in d
PY
run check "$repo/dossier.yaml"
check "the merged dossier has no merge conflict" sh -c "! grep -q 'merge conflict' '$TMP/out'"

# --- the same answer on both sides -----------------------------------
git checkout -q -b carol main
edit '
d["answers"]["tr-007"]["versioning"]["listed_version"] = "2.4.2"
d["answers"]["tr-007"]["lifecycle"]["safety_class"] = "Class C"
' carol
git checkout -q -b dave main
edit '
d["answers"]["tr-007"]["versioning"]["listed_version"] = "2.5.0"
d["answers"]["tr-007"]["lifecycle"]["safety_class"] = "Class C"
d["answers"]["tr-007"]["change_history"]["changes"] = [c for c in d["answers"]["tr-007"]["change_history"]["changes"] if c["version"] != "2.0.0"]
' dave
git checkout -q carol
edit '
d["answers"]["tr-007"]["change_history"]["changes"][0]["description"] = "First release (pneumothorax flag)."
' carol2
git merge -q -m merged dave >"$TMP/gm.out" 2>&1
rc=$?
check "a conflict stops git's merge" test "$rc" -ne 0
check "git names the file" grep -q "CONFLICT.*dossier.yaml" "$TMP/gm.out"
check "the driver said why" grep -q "2 answers changed on both sides" "$TMP/gm.out"
check "the conflicted file is valid YAML with each side" "$PYTHON3" - <<'PY'
import yaml
d = yaml.load(open("dossier.yaml"), Loader=yaml.BaseLoader)
c = {x["path"]: x for x in d["conflicts"]}
lv = c["tr-007.versioning.listed_version"]
assert (lv["base"], lv["ours"], lv["theirs"]) == ("2.4.1", "2.4.2", "2.5.0"), lv
assert d["answers"]["tr-007"]["versioning"]["listed_version"] == "2.4.2"
# Both made the same change: no conflict.
assert d["answers"]["tr-007"]["lifecycle"]["safety_class"] == "Class C"
# Changed by ours, deleted by theirs: kept, and a conflict.
rec = c["tr-007.change_history.changes[1].version"]
assert rec["record"] == "2.0.0" and "theirs" not in rec, rec
assert len(c) == 2, list(c)
PY
run check "$repo/dossier.yaml"
expect_rc 1 "check fails on conflicts"
check "check reports each conflict as an error at its question" grep -q \
    "error: TR-007, software versioning and traceability (topic; no clause number known): merge conflict: both sides changed this answer (ours '2.4.2', theirs '2.5.0')" "$TMP/out"
run status --format json "$repo/dossier.yaml"
check "status counts conflicts as errors" "$PYTHON3" -c '
import json, sys; r = json.load(open(sys.argv[1]))[0]; assert r["errors"] >= 2, r' "$TMP/out"

# --- bad input ----------------------------------------------------------
cp dossier.yaml "$TMP/ours.yaml"
cp "$TMP/ours.yaml" "$TMP/ours.before"
run merge "$TMP/ours.yaml" "$TMP/ours.yaml" "$HOSTILE/invalid-yaml.yaml"
expect_rc 2 "an unusable side"
check "OURS untouched when a side is unusable" cmp -s "$TMP/ours.yaml" "$TMP/ours.before"
run merge a b
expect_rc 2 "two files are bad usage"
cp "$EXAMPLES/complete.yaml" "$TMP/o.yaml"
run merge "$EXAMPLES/complete.yaml" "$TMP/o.yaml" "$EXAMPLES/complete.yaml"
expect_rc 0 "nothing to merge"
no_sanitizer "merge"

finish

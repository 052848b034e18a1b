#!/bin/sh
# Proof instead of declarations, end to end: the evidence register
# (evidence, evidence --record, check, check --verify), dataset manifests
# (overlap contradicting a declaration, duplicates, each malformed input
# as file:line:col and exit 2), and submission bundles (export --bundle,
# deterministic bytes, sha256sum -c after unzip, verify, a tampered
# archive).  Works on a copy of tests/data/proof.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

W=$TMP/w
cp -R "$TESTDATA/proof" "$W" || exit 99
chmod -R u+w "$W"
cd "$W" || exit 99
T="--template-dir $TESTDATA/proof/tpl"

has() {
	if grep -qF -- "$3" "$2"; then
		pass
	else
		fail "$1: no '$3' in:"
		head -10 "$2" | sed 's/^/  /'
	fi
}

hasnt() {
	if grep -qF -- "$3" "$2"; then
		fail "$1: '$3' in:"
		grep -F -- "$3" "$2" | head -3 | sed 's/^/  /'
	else
		pass
	fi
}

# --- evidence ---------------------------------------------------------

run evidence $T clean.yaml
expect_rc 0 "evidence lists an unrecorded dossier"
check "five files listed" test "$(lines "$TMP/out")" -eq 5
has "unrecorded state" "$TMP/out" "unrecorded	25	-	-	docs/report.md"

run evidence $T --record --date 2026-02-03 clean.yaml
expect_rc 0 "evidence --record"
no_sanitizer "evidence --record"
sum=$(sha256sum docs/report.md | cut -c1-64)
has "recorded hash is sha256sum's" "$TMP/out" "ok	25	$sum	2026-02-03	docs/report.md"
has "register in the dossier" clean.yaml "  files:"
has "receipt in the dossier" clean.yaml "  manifests:"
cp clean.yaml "$TMP/first.yaml"
run evidence $T --record --date 2026-03-01 clean.yaml
expect_rc 0 "evidence --record again"
check "recording unchanged files changes nothing" cmp -s clean.yaml "$TMP/first.yaml"

# SOURCE_DATE_EPOCH as export reads it: a day in UTC (1700000000 is
# 2023-11-14 22:13 UTC, already the 15th at UTC+14), and a bad value
# refused with its name rather than replaced by today.
cp clean.yaml sde.yaml
for bad in abc -1 253402300800; do
	SOURCE_DATE_EPOCH=$bad run evidence $T --record sde.yaml
	expect_rc 2 "evidence --record, SOURCE_DATE_EPOCH=$bad"
	has "SOURCE_DATE_EPOCH=$bad named" "$TMP/err" "SOURCE_DATE_EPOCH='$bad'"
done
check "a refused date records nothing" cmp -s clean.yaml sde.yaml
test -f /usr/share/zoneinfo/Pacific/Kiritimati ||
	fail "tzdata missing: the UTC+14 case cannot bite (./bootstrap --tests)"
rm -rf docs.keep && cp -r docs docs.keep && echo changed >>docs/report.md
TZ=Pacific/Kiritimati SOURCE_DATE_EPOCH=1700000000 run evidence $T \
    --record sde.yaml
expect_rc 0 "evidence --record, SOURCE_DATE_EPOCH"
has "SOURCE_DATE_EPOCH is a UTC day" "$TMP/out" "2023-11-14	docs/report.md"
rm -rf docs && mv docs.keep docs

run check $T clean.yaml
expect_rc 0 "check of a recorded, clean dossier"
check "check says nothing" test "$(lines "$TMP/out")" -eq 0

# A changed file: by size without hashing, by content with --verify.
echo "changed after review" >>docs/report.md
run check $T clean.yaml
expect_rc 1 "check finds a changed file"
has "changed by size" "$TMP/out" "clean.yaml:9:15: error: LAB 2: evidence 'docs/report.md' changed since it was recorded on 2026-02-03 (25 bytes then, 46 now)"
run evidence $T clean.yaml
expect_rc 1 "evidence exits 1 for a changed file"
has "evidence says changed" "$TMP/out" "changed	46	"
# The same register as records: JSON and CSV, the question that names
# each file, the same exit status.
run evidence $T --format json clean.yaml
expect_rc 1 "evidence --format json exits 1 for a changed file"
check "evidence --format json" "$PYTHON3" -c '
import json, sys
rows = {r["path"]: r for r in json.load(open(sys.argv[1]))}
r = rows["docs/report.md"]
sys.exit(not (r["state"] == "changed" and r["size"] == 46
    and r["recorded"] == "2026-02-03" and len(r["sha256"]) == 64
    and r["outside"] is False and r["question"].endswith(".report")))' \
    "$TMP/out"
run evidence $T --format csv clean.yaml
expect_rc 1 "evidence --format csv exits 1 for a changed file"
check "evidence --format csv" "$PYTHON3" -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
r = [x for x in rows if x["path"] == "docs/report.md"][0]
sys.exit(not (r["state"] == "changed" and r["size"] == "46"
    and r["outside"] == "no"))' "$TMP/out"
printf 'Protocol, version 9.\n' >docs/protocol.md
run check $T --verify clean.yaml
has "same size, other bytes: changed with --verify" "$TMP/out" "evidence 'docs/protocol.md' changed since it was recorded on 2026-02-03 (same size, other SHA-256)"

# Empty, missing, a FIFO (never opened: the run would time out), a link out.
: >docs/report.md
run check $T clean.yaml
has "empty" "$TMP/out" "evidence file 'docs/report.md' is empty; attach the document itself"
# Once: reading the file (proof) no longer says it again.
[ "$(grep -c "docs/report.md' is empty" "$TMP/out")" = 1 ] && pass ||
    fail "an empty file reported more than once"
rm docs/report.md
mkfifo docs/report.md
run check $T --verify clean.yaml
check "a FIFO does not hang check" test "$rc" -ne 124
has "a FIFO is reported" "$TMP/out" "evidence 'docs/report.md' is not a readable regular file"
# Its size was never looked at: unknown (null), not 0.
run evidence $T --format json clean.yaml
check "evidence --format json: a FIFO's size is null" "$PYTHON3" -c '
import json, sys
r = {x["path"]: x for x in json.load(open(sys.argv[1]))}["docs/report.md"]
sys.exit(not (r["size"] is None and r["state"] != "ok"))' "$TMP/out"
rm docs/report.md
ln -s /dev/zero docs/report.md
run check $T --verify clean.yaml
check "a device does not hang check --verify" test "$rc" -ne 124
has "a device is reported" "$TMP/out" "evidence 'docs/report.md' is not a readable regular file"
run export $T clean.yaml --bundle "$TMP/dev.zip" --date 2026-02-03
check "a device is never bundled" test ! -e "$TMP/dev.zip"
# A link that loops: reported once, by validation, not again by reading.
rm docs/report.md
ln -s report.md docs/report.md
run check $T clean.yaml
has "a looping link is reported" "$TMP/out" "evidence 'docs/report.md' is not a readable regular file"
[ "$(grep -c "docs/report.md'" "$TMP/out")" = 1 ] && pass ||
    fail "a looping link reported more than once: $(cat "$TMP/out")"
rm docs/report.md
echo "elsewhere" >"$TMP/outside.md"
ln -s "$TMP/outside.md" docs/report.md
run check $T clean.yaml
has "a link out of the folder is said" "$TMP/out" "evidence 'docs/report.md' is a link to '$TMP/outside.md', outside the dossier's folder"
rm docs/report.md
echo "Study report, version 3." >docs/report.md
echo "Protocol, version 1." >docs/protocol.md
run evidence $T --record --date 2026-02-03 clean.yaml
expect_rc 0 "record again"

# A malformed register is unusable input.
sed 's/^      sha256: .*/      sha256: [x]/' clean.yaml >"$TMP/badreg.yaml"
cp "$TMP/badreg.yaml" badreg.yaml
run check $T badreg.yaml
expect_rc 2 "malformed register"
has "register error has a position" "$TMP/err" "badreg.yaml:"
rm badreg.yaml

# --- manifests --------------------------------------------------------

run check $T leaky.yaml
expect_rc 1 "overlap contradicting a declaration"
has "contradiction with a count and examples" "$TMP/out" "leaky.yaml:31:23: error: LAB 3: declared no overlap with fit, but 2 subject values are shared with 'Fit set' (data/fit.csv), e.g. S002, S004 [lab.data.sets[3].listing]"
has "duplicates" "$TMP/out" "manifest 'data/holdout-leaky.csv': 1 row repeats a key (item) of an earlier row, e.g. I3001 (lines 2 and 6)"
run check $T --format json leaky.yaml
check "json output parses" is_json "$TMP/out"
has "json carries the overlap" "$TMP/out" "declared no overlap with fit"

# A manifest edited after its receipt: the file changed, and the numbers.
cp data/tune.tsv "$TMP/tune.tsv"
printf 'S104\tI1004\n' >>data/tune.tsv
run check $T clean.yaml
expect_rc 1 "an edited manifest"
has "the manifest is changed evidence" "$TMP/out" "evidence 'data/tune.tsv' changed since it was recorded"
has "the receipt no longer matches" "$TMP/out" "manifest 'data/tune.tsv' no longer matches its receipt in the dossier"
cp "$TMP/tune.tsv" data/tune.tsv
run check $T clean.yaml
expect_rc 0 "the manifest restored"

# Each malformed manifest: file:line:col, exit 2.
bad() {
	printf "$2" >data/holdout.csv
	run check $T clean.yaml
	expect_rc 2 "$1"
	has "$1: position" "$TMP/err" "data/holdout.csv:$3"
}
keep=$(cat data/holdout.csv)
bad "unbalanced quote" 'subject,item\nS1,I1\n"S2,I2\n' "3:1: error: unbalanced quote"
bad "too many fields" 'subject,item\nS1,I1,x\n' "2:7: error: more fields than the header's 2 columns"
bad "too few fields" 'subject,item\nS1\n' "2:3: error: 1 field, but the header has 2 columns"
bad "invalid UTF-8" 'subject,item\nS\377,I1\n' "2:2: error: invalid UTF-8 (byte 0xFF)"
bad "missing key column" 'subject,thing\nS1,I1\n' "1:1: error: missing key column 'item' (the header has: subject, thing)"
printf '%s\n' "$keep" >data/holdout.csv

# --- bundles ----------------------------------------------------------

run export $T clean.yaml --bundle "$TMP/b1.zip" --date 2026-02-03
expect_rc 0 "export --bundle"
no_sanitizer "export --bundle"
# Another time zone, another folder (times kept), the same bytes.
cp -Rp "$W" "$TMP/w2"
(cd "$TMP/w2" && TZ=Asia/Hong_Kong timeout "$HANG" "$DOSSIER" export $T \
    clean.yaml --bundle "$TMP/b2.zip" --date 2026-02-03 </dev/null \
    >"$TMP/out" 2>"$TMP/err")
rc=$?
expect_rc 0 "export --bundle again"
check "same inputs, same bytes" cmp -s "$TMP/b1.zip" "$TMP/b2.zip"
mkdir "$TMP/x"
"$PYTHON3" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$TMP/b1.zip" "$TMP/x" || fail "unzip"
check "sha256sum -c accepts MANIFEST.sha256" \
    sh -c "cd '$TMP/x' && sha256sum --quiet -c MANIFEST.sha256"
check "the bundle holds the manifests" test -f "$TMP/x/data/tune.tsv"
check "the bundle holds the checklist" test -f "$TMP/x/clean.xlsx"
check "the bundled YAML is canonical" cmp -s "$TMP/x/clean.yaml" clean.yaml
run verify "$TMP/b1.zip"
expect_rc 0 "verify"
has "verify lists entries" "$TMP/out" "docs/report.md: OK"

# A tampered archive: one entry's bytes replaced.
"$PYTHON3" - "$TMP/b1.zip" "$TMP/bad.zip" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for i in src.infolist():
    data = src.read(i)
    if i.filename == "docs/report.md":
        data = b"forged\n"
    dst.writestr(i, data)
dst.writestr("extra.txt", b"unlisted\n")
dst.close()
PY
run verify "$TMP/bad.zip"
expect_rc 1 "verify finds tampering"
has "mismatch named" "$TMP/out" "docs/report.md: FAILED"
has "unlisted entry named" "$TMP/out" "extra.txt: FAILED (in the archive but not listed"
printf 'not a zip' >"$TMP/notzip.zip"
run verify "$TMP/notzip.zip"
expect_rc 2 "verify of a file that is not a zip"

# Changed evidence stops a bundle; nothing is written.
echo "edited" >>docs/protocol.md
run export $T clean.yaml --bundle "$TMP/b3.zip" --date 2026-02-03
expect_rc 1 "a bundle with changed evidence is refused"
check "no bundle written" test ! -e "$TMP/b3.zip"
has "refusal names the file" "$TMP/err" "evidence 'docs/protocol.md' changed since it was recorded"

# --- the bundled examples ---------------------------------------------

cd "$TMP" || exit 99
run check "$EXAMPLES/demo.yaml"
expect_rc 1 "the demo has errors"
has "the demo shows an overlap contradicting its declaration" "$TMP/out" \
    "declared no overlap with validation, but 5 patient_key values are shared with 'HL-CXR-Val' (evidence/demo-cxr-val.csv), e.g. p-3e039e3bb8af1836"
has "the demo shows a changed evidence file" "$TMP/out" \
    "evidence 'evidence/vv-report.md' changed since it was recorded on 2026-01-20 (660 bytes then, 728 now)"
# Not a medical device: TR-008 and the V&V section are not asked, and what
# their files say is no finding (a question not asked has no verdict).
mkdir -p "$TMP/nomd"
cp -R "$EXAMPLES/evidence" "$TMP/nomd/evidence"
sed 's/^      is_medical_device: yes$/      is_medical_device: no/' \
    "$EXAMPLES/demo.yaml" >"$TMP/nomd/demo.yaml"
run check "$TMP/nomd/demo.yaml"
hasnt "not asked: no overlap finding" "$TMP/out" "shared by"
hasnt "not asked: no declared overlap finding" "$TMP/out" "declared no overlap"
hasnt "not asked: no changed-file finding" "$TMP/out" "vv-report.md' changed"
run check --format json "$EXAMPLES/complete.yaml"
expect_rc 0 "complete.yaml is clean"
check "complete.yaml: no file findings" "$PYTHON3" -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]
sys.exit(r["file_errors"] + r["file_warnings"] + r["file_infos"] != 0
         or r["findings"] != [])' "$TMP/out"
# One verdict: what reading the files found sits on its item, as check,
# the checklist and the wizard show it, and counts in the totals.
run check --format json "$EXAMPLES/demo.yaml"
check "demo: file findings are items' findings" "$PYTHON3" -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]
st = {i["path"]: i["status"] for i in r["items"]}
msgs = [f["message"] for f in r["findings"]]
sys.exit(not (r["file_errors"] == 2
    and st["tr-007.verification.vv_report"] == "Error"
    and st["tr-008.datasets.datasets[1].manifest"] == "Error"
    and any("changed since it was recorded" in m for m in msgs)
    and any("declared no overlap" in m for m in msgs)
    and r["errors"] == sum(f["severity"] == "error" for f in r["findings"])))' \
    "$TMP/out"
has "complete.yaml has a register" "$EXAMPLES/complete.yaml" "    evidence/hl-cxr-train.csv:"
run export "$EXAMPLES/complete.yaml" --bundle "$TMP/complete.zip" --date 2026-02-03
expect_rc 0 "complete.yaml bundles"
mkdir "$TMP/c"
"$PYTHON3" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$TMP/complete.zip" "$TMP/c" || fail "unzip complete"
check "complete bundle passes sha256sum -c" \
    sh -c "cd '$TMP/c' && sha256sum --quiet -c MANIFEST.sha256"
run verify "$TMP/complete.zip"
expect_rc 0 "complete bundle verifies"
run check "$TMP/c/complete.yaml"
expect_rc 0 "the unzipped bundle checks clean"

finish

#!/bin/sh
# Every command-line verb end to end, through the real binary: check
# (text and JSON, exit 0/1/2, --strict, several files, a closed pipe),
# status, templates, export --yaml (deterministic and idempotent),
# --help, --version, bad usage, --template-dir and DOSSIER_TEMPLATE_PATH,
# a template for a made-up regulator, and the bundled examples.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"
need_python

ACME=$TESTDATA/tpl
BUNDLED=$DOSSIER_TEMPLATE_PATH
partial=$TESTDATA/acme-partial.yaml
complete=$TESTDATA/acme-complete.yaml

# same WHAT FILE1 FILE2: identical bytes.
same() {
	if cmp -s "$2" "$3"; then
		pass
	else
		fail "$1"
		diff "$2" "$3" | head -10 | sed 's/^/  /'
	fi
}

# has WHAT FILE FIXED-STRING
has() {
	if grep -qF -- "$3" "$2"; then
		pass
	else
		fail "$1: no '$3' in:"
		head -10 "$2" | sed 's/^/  /'
	fi
}

# stderr_only_notes WHAT: stderr holds nothing but draft notes.
stderr_only_notes() {
	if grep -v '^dossier: note: template .* is a draft' "$TMP/err" |
	    grep -q .; then
		fail "$1: unexpected stderr:"
		head -5 "$TMP/err" | sed 's/^/  /'
	else
		pass
	fi
}

# --- check, text format ---------------------------------------------

run check --template-dir "$ACME" "$partial"
expect_rc 1 "check of a dossier with errors"
no_sanitizer "check partial"
stderr_only_notes "check partial"
has "check names draft templates" "$TMP/err" \
    "dossier: note: template acme-qa:1 is a draft"
# FILE:LINE:COL: severity: CITE: message [path]
shape="^$partial:[0-9]+:[0-9]+: (error|warning|info): .+ \\[[^ ]+\\]\$"
bad=$(grep -Evc "$shape" "$TMP/out")
check "every finding line has the compiler shape" test "$bad" -eq 0
check "13 findings" test "$(lines "$TMP/out")" -eq 13

# The made-up regulator's template drives check: exact findings.
(cd "$TESTDATA" && timeout "$HANG" "$DOSSIER" check --template-dir tpl \
    acme-partial.yaml >"$TMP/out" 2>"$TMP/err")
rc=$?
expect_rc 1 "check acme-partial.yaml from its folder"
same "findings for the made-up regulator" "$TESTDATA/acme-partial.check" \
    "$TMP/out"

run check --template-dir "$ACME" "$complete"
expect_rc 0 "check of a complete dossier"
check "a complete dossier has no findings" test ! -s "$TMP/out"

# Warnings only: exit 0, and 1 under --strict.
sed 's/^format: 1$/format: 1\nx-note: kept/' "$complete" >"$TMP/warn.yaml"
run check --template-dir "$ACME" "$TMP/warn.yaml"
expect_rc 0 "check with warnings only"
has "the warning is shown" "$TMP/out" "$TMP/warn.yaml:2:1: warning:"
run check --strict --template-dir "$ACME" "$TMP/warn.yaml"
expect_rc 1 "check --strict with warnings"
run --strict check --template-dir "$ACME" "$complete"
expect_rc 0 "--strict before the verb, no warnings"

# Unusable input: 2, even next to good files, which are still checked.
run check --template-dir "$ACME" "$complete" "$TMP/none.yaml" "$partial"
expect_rc 2 "check with a missing file among others"
has "the missing file is named" "$TMP/err" \
    "$TMP/none.yaml: error: cannot open: No such file or directory"
has "later files are still checked" "$TMP/out" "$partial:9:13: error:"
run check --template-dir "$ACME"
expect_rc 2 "check without a file"
has "check without a file says so" "$TMP/err" \
    "check needs at least one FILE"

# --- check, JSON ----------------------------------------------------

run check --format json --template-dir "$ACME" "$partial" "$complete"
expect_rc 1 "check --format json"
sha=$(sha256sum "$ACME/acme-1.yaml" | cut -d' ' -f1)
check "JSON report: files, counts, findings, template hash" \
    "$PYTHON3" -c 'import json, sys
r = json.load(open(sys.argv[1]))
assert [f["file"] for f in r] == [sys.argv[2], sys.argv[3]], r
p, c = r
assert p["errors"] == 8 and p["warnings"] == 5 and p["infos"] == 0, p
assert p["completeness"] == 30, p["completeness"]
assert len(p["findings"]) == 13
assert c["errors"] == 0 and c["findings"] == [] and c["completeness"] == 100
t = p["templates"][0]
assert (t["id"], t["edition"], t["draft"], t["sha256"]) == \
    ("acme-qa", "1", True, sys.argv[4]), t
f = p["findings"][0]
assert f == {"severity": "error", "template": "acme-qa", "clause": "1.2",
    "provenance": "primary", "cite": "ACME-QA 1.2", "section": "product",
    "field": "name", "rule": None, "path": "acme-qa.product.name",
    "message": "too short: 2 characters, at least 3 expected",
    "line": 9, "column": 13}, f
rules = [f["rule"] for f in p["findings"] if f["rule"]]
assert rules == ["tested-matches", "has-test-set"], rules
' "$TMP/out" "$partial" "$complete" "$sha"
# Hostile text in a value stays escaped in JSON.
printf '%s\n' 'format: 1' 'templates: [acme-qa:1]' 'answers:' \
    '  acme-qa:' '    product:' \
    '      kind: "\e]0;pwned\a \u202e"' >"$TMP/esc.yaml"
run check --format json --template-dir "$ACME" "$TMP/esc.yaml"
check "JSON with escapes parses" is_json "$TMP/out"
check "no raw ESC in JSON output" sh -c \
    "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$TMP/out'"
run check --template-dir "$ACME" "$TMP/esc.yaml"
check "no raw ESC in text output" sh -c \
    "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$TMP/out'"
has "ESC shown as ^[, bidi override marked" "$TMP/out" \
    "'^[]0;pwned^G <U+202E>' is not one of the options"
run check --format xml "$complete"
expect_rc 2 "check --format xml"
has "unknown format named" "$TMP/err" "unknown format (text, json or csv): 'xml'"

# --- a closed pipe is quiet -----------------------------------------

set --
i=0
while [ $i -lt 300 ]; do
	set -- "$@" "$partial"
	i=$((i + 1))
done
timeout "$HANG" "$DOSSIER" check --template-dir "$ACME" "$@" 2>"$TMP/err" |
    head -1 >"$TMP/out"
check "check | head -1 gives one line" test "$(lines "$TMP/out")" -eq 1
stderr_only_notes "check | head -1"
no_sanitizer "check | head -1"
set --

# Output that cannot be written is exit 4, not success.
if [ -w /dev/full ]; then
	timeout "$HANG" "$DOSSIER" check --template-dir "$ACME" "$partial" \
	    >/dev/full 2>"$TMP/err"
	rc=$?
	expect_rc 4 "check >/dev/full"
	has "check >/dev/full says why" "$TMP/err" \
	    "dossier: cannot write to standard output"
	timeout "$HANG" "$DOSSIER" status --template-dir "$ACME" "$partial" \
	    >/dev/full 2>"$TMP/err"
	rc=$?
	expect_rc 4 "status >/dev/full"
	timeout "$HANG" "$DOSSIER" templates >/dev/full 2>"$TMP/err"
	rc=$?
	expect_rc 4 "templates >/dev/full"
fi

# --- status ---------------------------------------------------------

run status --template-dir "$ACME" "$partial" "$complete"
expect_rc 0 "status"
printf '%s: %s\n' "$partial" "30% complete, 8 errors, 5 warnings" \
    "$complete" "100% complete, 0 errors, 0 warnings" >"$TMP/want"
same "status lines" "$TMP/want" "$TMP/out"
run status --template-dir "$ACME" "$partial" "$TMP/none.yaml"
expect_rc 2 "status with a missing file"
has "status still reports the good file" "$TMP/out" "$partial: 30% complete"
check "status: one error line" test "$(lines "$TMP/err")" -eq 1
run status
expect_rc 2 "status without a file"

# --- templates ------------------------------------------------------

run templates
expect_rc 0 "templates"
check "the bundled templates with edition and draft" \
    grep -q '^tr-007:2026	draft	' "$TMP/out"
check "tr-008:2026 listed as draft" grep -q '^tr-008:2026	draft	' "$TMP/out"
check "mdacs-listing:2026 listed as draft" \
    grep -q '^mdacs-listing:2026	draft	' "$TMP/out"
check "templates: three lines" test "$(lines "$TMP/out")" -eq 3
has "templates show the source" "$TMP/out" "TR-007:2026(E)"
# The same list as JSON, with the hash check's JSON records, in English
# whatever the display language; CSV is refused.
run templates --format json
expect_rc 0 "templates --format json"
cp "$TMP/out" "$TMP/tj.en"
check "templates --format json" "$PYTHON3" -c '
import json, sys
ts = {t["id"]: t for t in json.load(open(sys.argv[1]))}
t = ts["tr-007"]
sys.exit(not (len(ts) == 3 and t["edition"] == "2026" and t["draft"] is True
    and t["title"] == "Software Medical Devices and Cybersecurity"
    and len(t["sha256"]) == 64 and t["path"].endswith("tr007-2026.yaml")))' \
    "$TMP/out"
run --lang zh-Hant templates --format json
same "templates --format json is the same in Chinese" "$TMP/tj.en" "$TMP/out"
run templates --format csv
expect_rc 2 "templates --format csv is refused"
run templates --template-dir "$ACME"
expect_rc 0 "templates --template-dir"
printf 'acme-qa:1\tdraft\tACME Agency quality questionnaire\tACME-QA-1\t%s\n' \
    "$ACME/acme-1.yaml" >"$TMP/want"
same "--template-dir replaces the bundled templates" "$TMP/want" "$TMP/out"
DOSSIER_TEMPLATE_PATH=$ACME:$BUNDLED run templates
expect_rc 0 "DOSSIER_TEMPLATE_PATH with two folders"
check "DOSSIER_TEMPLATE_PATH: four templates" \
    test "$(lines "$TMP/out")" -eq 4
# Listed by 'order' (TR-007, TR-008, the listing), not by folder or file
# name; a template without an order comes after the ordered ones.
check "templates listed by order" sh -c "cut -f1 '$TMP/out' | tr '\\n' ' ' |
    grep -qx 'tr-007:2026 tr-008:2026 mdacs-listing:2026 acme-qa:1 '"
DOSSIER_TEMPLATE_PATH=$ACME run templates --template-dir "$BUNDLED"
check "--template-dir wins over DOSSIER_TEMPLATE_PATH" \
    sh -c "! grep -q acme-qa '$TMP/out' && grep -q tr-007 '$TMP/out'"
DOSSIER_TEMPLATE_PATH=$ACME run check "$partial"
expect_rc 1 "check with DOSSIER_TEMPLATE_PATH"
run check "$partial"
expect_rc 2 "check without the dossier's template"
has "unknown template named with position" "$TMP/err" \
    "$partial:2:13: error: unknown template 'acme-qa:1'"
run templates --template-dir "$TMP/nowhere"
expect_rc 2 "templates from a missing folder"
has "missing template folder named" "$TMP/err" \
    "$TMP/nowhere: error: cannot read template folder"
mkdir "$TMP/empty-dir"
run templates --template-dir "$TMP/empty-dir"
expect_rc 0 "templates from an empty folder"
has "an empty folder is reported" "$TMP/err" "dossier: no templates found"

# --- export --yaml --------------------------------------------------

run export --template-dir "$ACME" "$partial" --yaml "$TMP/one.yaml"
expect_rc 0 "export --yaml"
run export --template-dir "$ACME" "$partial" --yaml "$TMP/two.yaml"
same "export --yaml twice gives identical bytes" "$TMP/one.yaml" \
    "$TMP/two.yaml"
run export --template-dir "$ACME" "$TMP/one.yaml" --yaml "$TMP/three.yaml"
same "re-export of an export is identical" "$TMP/one.yaml" "$TMP/three.yaml"
run export --template-dir "$ACME" "$partial" --yaml -
expect_rc 0 "export --yaml -"
same "export to stdout is the same text" "$TMP/one.yaml" "$TMP/out"
has "unknown keys survive export" "$TMP/one.yaml" "x-custom: kept"
has "unknown record keys survive export" "$TMP/one.yaml" "extra: kept"
has "other templates' answers survive export" "$TMP/one.yaml" \
    "other-template:"
# Exported findings are those of the original (positions aside).
run check --template-dir "$ACME" "$TMP/one.yaml"
expect_rc 1 "check of the export"
sed 's/^[^ ]* //' "$TMP/out" >"$TMP/after"
run check --template-dir "$ACME" "$partial"
sed 's/^[^ ]* //' "$TMP/out" | sort >"$TMP/before"
sort "$TMP/after" >"$TMP/after.sorted"
same "export keeps every finding" "$TMP/before" "$TMP/after.sorted"
# A file dossier wrote comes back byte for byte.
run export --template-dir "$ACME" "$complete" --yaml "$TMP/c.yaml"
same "canonical file re-exports unchanged" "$complete" "$TMP/c.yaml"
for ex in demo complete; do
	run export "$EXAMPLES/$ex.yaml" --yaml "$TMP/$ex-1.yaml"
	expect_rc 0 "export $ex.yaml"
	run export "$TMP/$ex-1.yaml" --yaml "$TMP/$ex-2.yaml"
	same "export of $ex.yaml is idempotent" "$TMP/$ex-1.yaml" \
	    "$TMP/$ex-2.yaml"
done
run export --template-dir "$ACME" "$partial"
expect_rc 2 "export without --yaml"
run export --template-dir "$ACME" "$partial" "$complete" --yaml "$TMP/x.yaml"
expect_rc 2 "export of two files"
run export --template-dir "$ACME" "$HOSTILE/dup-key-top.yaml" \
    --yaml "$TMP/x.yaml"
expect_rc 2 "export of an unusable file"
check "no output from an unusable file" test ! -e "$TMP/x.yaml"
run export --template-dir "$ACME" "$partial" --yaml "$TMP/no/such/x.yaml"
expect_rc 4 "export into a missing folder"
check "export error is one line" test "$(lines "$TMP/err")" -eq 1

# --- help, version, usage -------------------------------------------

run --help
expect_rc 0 "--help"
has "--help shows usage" "$TMP/out" "usage: dossier"
has "--help lists check" "$TMP/out" "dossier check"
check "--help writes nothing on stderr" test ! -s "$TMP/err"
run --version
expect_rc 0 "--version"
check "--version prints name and version" \
    grep -Eq '^dossier [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out"
run --bogus
expect_rc 2 "unknown option"
has "unknown option named" "$TMP/err" "dossier: unknown option '--bogus'"
run -xy check "$complete"
expect_rc 2 "unknown short options"
has "the first unknown short option is named" "$TMP/err" \
    "dossier: unknown option '-x'"
run check --template-dir
expect_rc 2 "option without its value"
has "missing value named" "$TMP/err" "this option needs a value"

# --- the bundled examples -------------------------------------------

run check "$EXAMPLES/complete.yaml"
expect_rc 0 "complete.yaml passes"
check "complete.yaml has no errors" sh -c "! grep -q ': error: ' '$TMP/out'"
run check "$EXAMPLES/demo.yaml"
expect_rc 1 "demo.yaml has errors"
has "demo.yaml: version justification" "$TMP/out" \
    "[tr-007.versioning.version_justification]"
no_sanitizer "check demo.yaml"

finish

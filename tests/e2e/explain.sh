#!/bin/sh
# dossier explain FILE PATH...: "why is this asked?" from the command line.
# The words come from the parsed conditions (never the source text), name
# the answers they depend on, and bad paths are one line and exit 2.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

ACME=$TESTDATA/tpl
partial=$TESTDATA/acme-partial.yaml

# has WHAT FIXED-STRING: in the last run's output.
has() {
	if grep -qF -- "$2" "$TMP/out"; then
		pass
	else
		fail "$1: no '$2' in:"
		sed 's/^/  /' "$TMP/out" | head -20
	fi
}

run explain --template-dir "$ACME" "$partial" acme-qa.product.why_different
expect_rc 0 "explain a shown question"
has "title and path" \
    "*Why the tested version is still relevant* [acme-qa.product.why_different]"
has "asked because" 'Asked because *Kind of product* is "software".'
has "required because, with the answers" \
    'Required because *Software version* differs from *Version that was tested* (now: software_version "2.1.0"; tested_version "2.0.0") and *Version that was tested* is answered.'
has "condition lines marked" \
    '  [yes] *Version that was tested* is answered (now: "2.0.0")'
check "no condition source" sh -c "! grep -qE '==|!=|filled\(' '$TMP/out'"

# A hidden question, its section skipped: the failing answer is named.
sed 's/kind: software/kind: hardware/' "$partial" >"$TMP/hw.yaml"
run explain --template-dir "$ACME" "$TMP/hw.yaml" data.uses_data \
    acme-qa.data.sets[2].source
expect_rc 0 "explain hidden questions"
has "section skipped" \
    'Not asked: the whole section "Data sets" is skipped, because *Kind of product* is not "software" (now: "hardware").'
has "record field" "*Source* [acme-qa.data.sets[2].source]"
has "record condition" '  [no]  *Role* is "test" (now: "train")'
[ "$(grep -c '^\*' "$TMP/out")" = 2 ] && pass || fail "two explanations"

# The bundled demo: the issue's own example.
run explain "$EXAMPLES/demo.yaml" tr-008.clc.process_controls
expect_rc 0 "explain in the demo"
has "demo: asked because" \
    "Asked because *Does the device keep learning after it is deployed?* is yes."

# Bad input: one line on stderr, exit 2.
for p in nosuch.field acme-qa.product.nosuch acme-qa.data.sets[9].role \
    'a..b' acme-qa.product.name.x.y; do
	run explain --template-dir "$ACME" "$partial" "$p"
	expect_rc 2 "bad path $p"
	[ "$(lines "$TMP/err")" = 1 ] && pass || fail "one error line for $p"
	no_sanitizer "bad path $p"
done
run explain --template-dir "$ACME" "$partial"
expect_rc 2 "explain without a path"
run explain --template-dir "$ACME" "$TMP/missing.yaml" acme-qa.product.name
expect_rc 2 "explain a missing file"
# The later paths still run after a bad one; the status says it failed.
run explain --template-dir "$ACME" "$partial" nosuch.x acme-qa.product.name
expect_rc 2 "a bad path among good ones"
has "good path still explained" "*Product name* [acme-qa.product.name]"

finish

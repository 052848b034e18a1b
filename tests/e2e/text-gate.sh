#!/bin/sh
# One text gate: whatever a verb prints to a terminal, from any source
# (file names, a template's clause, edition and file path, messages),
# carries no escape sequence, control character, bidi control or other
# invisible character: they appear as placeholders.  Before, a file name
# or a template clause with ESC reached the terminal from check, status
# and templates.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

esc=$(printf '\033')
# A clause with a colour change, a right-to-left override, a tag and a
# soft hyphen, written with YAML escapes (raw control bytes are refused).
clause='1.2\\e[31m\\u202e\\U000E0001\\u00ad'
mkdir "$TMP/tpl$esc]0;pwned$(printf '\007')" || exit 99
tpldir="$TMP/tpl$esc]0;pwned$(printf '\007')"
sed "s/^    clause: \"1.2\"$/    clause: \"$clause\"/" \
    "$TESTDATA/tpl/acme-1.yaml" >"$tpldir/acme-1.yaml"
grep -q 'e\[31m' "$tpldir/acme-1.yaml" || { echo "fixture not made"; exit 99; }
name="$TMP/d$esc[2J$(printf '\342\200\256').yaml"
cp "$TESTDATA/acme-partial.yaml" "$name"

# clean WHAT: the last run's output has none of the dangerous bytes.
clean() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" \
	    "$TMP/out" "$TMP/err" ||
	    grep -q "$(printf '\342\200\256\|\363\240\200\201\|\302\255')" \
	    "$TMP/out" "$TMP/err"; then
		fail "$1: raw control or invisible character printed"
		cat -v "$TMP/out" "$TMP/err" | head -5 | sed 's/^/  /'
	else
		pass
	fi
}

run check --template-dir "$tpldir" "$name"
expect_rc 1 "check"
clean "check"
check "check shows the placeholder" grep -q "<U+202E>" "$TMP/out"
run status --template-dir "$tpldir" "$name"
clean "status"
run templates --template-dir "$tpldir"
expect_rc 0 "templates"
clean "templates"
run check --template-dir "$tpldir" "$TMP/missing$esc[1m.yaml"
expect_rc 2 "check of a missing file"
clean "check of a missing file"
run export --template-dir "$tpldir" "$name" --xlsx "$TMP/o$esc[5m.xlsx"
clean "export"
# An edition with an escape is refused, with the escape shown as ^[.
sed 's/^edition: "1"$/edition: "1\\e[2J"/' "$TESTDATA/tpl/acme-1.yaml" \
    >"$TMP/acme-1.yaml"
mkdir "$TMP/ed" && mv "$TMP/acme-1.yaml" "$TMP/ed/"
run templates --template-dir "$TMP/ed"
expect_rc 2 "escape in an edition"
clean "escape in an edition"
check "edition refused like an id" grep -q "edition '1^\[\[2J' must be" "$TMP/err"

finish

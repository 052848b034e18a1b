#!/bin/sh
# The workshop scenarios (dossier --demo NAME): each exercise reports
# exactly its documented findings and each answer key checks clean
# (scenarios.py); --demo --list shows one line per scenario; --reset and
# --solution make and restore working copies; misuse is exit 2.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"

if [ -z "$PYTHON3" ] || ! "$PYTHON3" -c 'import yaml' 2>/dev/null; then
	echo "python3 with PyYAML not found: skipping"
	exit 77
fi

if "$PYTHON3" "$srcdir/tests/e2e/scenarios.py" "$DOSSIER" "$EXAMPLES" \
    "$srcdir/share/doc/workshop.md"; then
	pass
else
	fail "scenario findings or answer keys"
fi

n=$("$PYTHON3" -c 'import sys, yaml
print(len(yaml.safe_load(open(sys.argv[1]))["scenarios"]))' \
    "$EXAMPLES/scenarios.yaml")
run --demo --list
expect_rc 0 "--demo --list"
[ "$(lines "$TMP/out")" = "$n" ] && pass || fail "one line per scenario"
check "the default scenario is listed first" \
    grep -q '^xray-triage  *28 findings  AI chest X-ray' "$TMP/out"
check "at least the four kinds of device" test "$n" -ge 4
check "a list line fits 80 columns" sh -c "! awk 'length > 80' '$TMP/out' | grep -q ."

# --reset makes the copy when there is none; --solution has its own name.
run --demo xray-triage --solution --into "$TMP/key" --reset
expect_rc 0 "--solution --reset"
check "answer key copied" cmp -s "$EXAMPLES/complete.yaml" \
    "$TMP/key/xray-triage-solution.yaml"
run check "$TMP/key/xray-triage-solution.yaml"
expect_rc 0 "the copied key checks clean with its copied evidence"
# A recovery file of the old copy would offer the discarded edits again.
touch "$TMP/key/.xray-triage-solution.yaml.dossier-recover"
run --demo xray-triage --solution --into "$TMP/key" --reset
expect_rc 0 "second reset"
check "recovery file removed" test ! -e \
    "$TMP/key/.xray-triage-solution.yaml.dossier-recover"

# Every scenario's working copy carries its evidence: the copy reports
# exactly what the installed exercise does, and the copied key is clean.
for name in $("$PYTHON3" -c 'import sys, yaml
for s in yaml.safe_load(open(sys.argv[1]))["scenarios"]: print(s["name"])' \
    "$EXAMPLES/scenarios.yaml"); do
	ex=$("$PYTHON3" -c 'import sys, yaml
print([s["exercise"] for s in yaml.safe_load(open(sys.argv[1]))["scenarios"]
       if s["name"] == sys.argv[2]][0])' "$EXAMPLES/scenarios.yaml" "$name")
	run --demo "$name" --into "$TMP/copy-$name" --reset
	expect_rc 0 "$name: working copy made"
	"$DOSSIER" check "$EXAMPLES/$ex" 2>/dev/null |
	    sed 's/^[^:]*:[0-9]*:[0-9]*: //' >"$TMP/want"
	"$DOSSIER" check "$TMP/copy-$name/$name.yaml" 2>/dev/null |
	    sed 's/^[^:]*:[0-9]*:[0-9]*: //' >"$TMP/got"
	if cmp -s "$TMP/want" "$TMP/got" && [ -s "$TMP/got" ]; then
		pass
	else
		fail "$name: the copy's findings differ from the exercise's"
		diff "$TMP/want" "$TMP/got" | head -5
	fi
	run --demo "$name" --solution --into "$TMP/copy-$name" --reset
	run check "$TMP/copy-$name/$name-solution.yaml"
	expect_rc 0 "$name: the copied key checks clean"
done

# Misuse.
run --demo nosuch --into "$TMP/x" --reset
expect_rc 2 "unknown scenario"
check "unknown scenario named" grep -q "no scenario 'nosuch'" "$TMP/err"
run --demo xray-triage --reset
expect_rc 2 "--reset without --into"
run --list
expect_rc 2 "--list without --demo"
run --demo a b --into "$TMP/x" --reset
expect_rc 2 "two scenario names"
: >"$TMP/file"
run --demo xray-triage --into "$TMP/file" --reset
expect_rc 4 "--into a file"
check "one error line" test "$(lines "$TMP/err")" = 1
no_sanitizer "--into a file"

finish

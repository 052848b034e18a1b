#!/bin/sh
# Edit a one-line answer, save, quit: the value is in the YAML, the
# finding it caused is gone, and the terminal is restored.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question listed_version
keys Enter
wait_for "2.4.1"
keys C-u
type_text "2.4.0"
keys Enter
wait_for "[unsaved]"
wait_for "20 errors"
keys s
wait_for "Saved d.yaml"
screen | grep -q "\[unsaved\]" && fail "still marked unsaved"
shown=$(screen | grep -o '[0-9]* errors' | head -n 1)
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
assert_restored
grep -q "^      listed_version: \"2.4.0\"$" "$tmp/d.yaml" || fail "value not saved"
[ -e "$tmp/.d.yaml.dossier-recover" ] && fail "recovery file left behind"
# check agrees with what the wizard showed: errors remain, so exit 1,
# the same number in its verdict (the changed evidence file and the
# datasets' overlap among them: one verdict), and none of them about the
# version.
"$DOSSIER" check "$tmp/d.yaml" >"$tmp/check.out" 2>"$tmp/check.err"
rc=$?
[ "$rc" = 1 ] || fail "check exit $rc, expected 1: $(cat "$tmp/check.err")"
"$DOSSIER" check --format json "$tmp/d.yaml" >"$tmp/check.json" 2>/dev/null
verdict=$(grep -o '"errors": [0-9]*' "$tmp/check.json" | head -n 1)
[ "${verdict#\"errors\": } errors" = "$shown" ] ||
    fail "check's verdict ($verdict) is not the wizard's $shown: $(cat "$tmp/check.out")"
grep -q "version_justification" "$tmp/check.out" && fail "finding still there"
finish

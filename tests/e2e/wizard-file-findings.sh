#!/bin/sh
# One verdict includes what reading the files finds: the wizard counts
# and marks an evidence file changed since it was recorded and datasets
# that share patients they say they do not, as check does; re-check (r)
# reads the files again.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
# check's count: the changed V&V report and the overlap are among them.
want=$("$DOSSIER" check --format json "$tmp/d.yaml" 2>/dev/null |
    grep -o '"errors": [0-9]*' | head -n 1 | sed 's/.*: //')
[ "$want" = 22 ] || fail "check counts $want errors, expected 22"
wait_for "22 errors"

# The V&V report's question is marked to fix and says why.
goto_question vv_report
wait_for "changed since it was recorded"
settled_screen "changed since it was recorded" >"$tmp/s1"
grep -q '│ ! Verification and validation report (file)' "$tmp/s1" ||
    fail "the changed file is not marked to fix"
grep -q '^ ! SW verif. valid. ' "$tmp/s1" ||
    fail "its section is not marked to fix"

# A recorded file changes while the wizard is open: r reads it again.
printf '\nEdited after recording.\n' >>"$tmp/evidence/architecture.md"
keys r
wait_for "23 errors"
goto_question architecture_diagram
wait_for "evidence 'evidence/architecture.md' changed since it was recorded"

keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish

#!/bin/sh
# dossier --demo NAME --into DIR: a named working copy with its evidence
# that the next run reopens where the student left it; --reset restores
# the original (and refuses while a wizard has the copy open).
. "$srcdir/tests/e2e/lib.sh"

dir=$tmp/class/alice
mkdir -p "$tmp/class"
start -- --demo xray-triage --into class/alice
wait_for "% complete"
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
screen | grep -q "xray-triage.yaml" || fail "copy's name not shown"
set_line listed_version "5.0.0"
keys s
wait_for "Saved xray-triage.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
wait_for "your working copy is class/alice/xray-triage.yaml"
grep -q 'listed_version: "5.0.0"' "$dir/xray-triage.yaml" || fail "not saved"
[ -f "$dir/evidence/patch-plan.md" ] || fail "no evidence copied"
stop

# The same command again resumes: the edit is still there, no tour.
start -- --demo xray-triage --into class/alice
# It reopens where it was left (issue 13), the position on the top line.
wait_for "xray-triage.yaml Section"
screen | grep -q "Tour 1 of 6" && fail "tour on a resumed copy"
goto_question listed_version
wait_for "5.0.0"
# --reset while the copy is open is refused and changes nothing.
"$DOSSIER" --demo xray-triage --into "$dir" --reset >"$tmp/out" 2>"$tmp/err" \
    && fail "reset of an open copy succeeded"
grep -q "is open in another dossier" "$tmp/err" || fail "no reason given"
grep -q 'listed_version: "5.0.0"' "$dir/xray-triage.yaml" ||
    fail "reset touched an open copy"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop

# A student's stray evidence edit and the answer both come back.
echo "scribble" >"$dir/evidence/patch-plan.md"
"$DOSSIER" --demo xray-triage --into "$dir" --reset >"$tmp/out" 2>"$tmp/err" ||
    fail "reset failed: $(cat "$tmp/err")"
grep -q "restored $dir/xray-triage.yaml" "$tmp/out" || fail "reset silent"
cmp -s "$EXAMPLES/demo.yaml" "$dir/xray-triage.yaml" || fail "not restored"
cmp -s "$EXAMPLES/evidence/patch-plan.md" "$dir/evidence/patch-plan.md" ||
    fail "evidence not restored"
start -- --demo xray-triage --into class/alice
# The restored copy reopens where it was left (issue 13).
wait_for "xray-triage.yaml Section"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop

# A new copy where an old one was (the folder removed) is new: the tour,
# and the top of the dossier, not where the old copy was left.
rm -rf "$dir"
start -- --demo xray-triage --into class/alice
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
wait_for "87% complete"
screen | sed -n 1p | grep -q "Section 5 of" && fail "the old copy's place"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop

# Another scenario's answer key opens complete, in a private copy.
start -- --demo pump-firmware --solution
wait_for "100% complete"
wait_for "Tour 1 of 6"
keys Escape
wait_gone "Tour 1 of 6"
screen | grep -q "pump-firmware-solution.yaml" || fail "key's name not shown"
screen | grep -q "VitaFlo P3" || fail "device not shown"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
ls -d "$tmp"/dossier-demo-* >/dev/null 2>&1 && fail "unsaved copy left"
finish

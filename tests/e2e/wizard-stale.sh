#!/bin/sh
# When an answer makes answered questions stop applying, the wizard says
# which and offers to clear or keep them; nothing is deleted silently.
# Every key of the prompt is pressed and the saved file read back: c (and
# C) clears, k and Esc keep, u brings cleared answers back; the prompt
# comes for a single answer as well as for many.  The dialog cases use a
# template of their own (tests/data/tpl-dialog), the last one the demo.
. "$srcdir/tests/e2e/lib.sh"
: "${TESTDATA:=$srcdir/tests/data}"

# A fresh copy of tests/data/dlg.yaml (every answer given), in the wizard.
start_dlg() {
	stop
	cp "$TESTDATA/dlg.yaml" "$tmp/g.yaml" || exit 99
	chmod u+w "$tmp/g.yaml"
	start "DOSSIER_TEMPLATE_PATH=$TESTDATA/tpl-dialog" -- g.yaml
	wait_for "Opens two questions"
}

# Answer no to a yes/no question that has answered dependents (n, the
# key for no since issue 13).
answer_no() {
	goto_question "$1"
	keys n
	wait_for "Answers that no longer apply"
}

save_quit() {
	keys s
	wait_for "Saved $1"
	keys q
	[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
}

# has ANSWER, lacks ANSWER: the saved g.yaml.
has() {
	grep -qx "      $1" "$tmp/g.yaml" || fail "saved file lacks '$1'"
}
lacks() {
	grep -q "^      $1" "$tmp/g.yaml" && fail "saved file still has '$1'"
}

# One answer goes stale: the prompt still comes, names it, c clears it.
start_dlg
answer_no "Opens one question"
wait_for "1 answered question no longer applies:"
wait_for "The only dependent answer (Gates)"
keys c
wait_for "Cleared 1 answer; u brings it back."
save_quit g.yaml
has "one_gate: no"
lacks "only_dep:"
has "first_dep: first answer"
has "second_dep: second answer"

# Esc keeps them, as k does (the button says so).
start_dlg
answer_no "Opens two questions"
wait_for "2 answered questions no longer apply:"
wait_for "First dependent answer (Gates)"
wait_for "Second dependent answer (Gates)"
wait_for "Keep them too"
keys Escape
wait_for "Kept 2 answers that no longer apply."
save_quit g.yaml
has "many_gate: no"
has "first_dep: first answer"
has "second_dep: second answer"
has "only_dep: only answer"

start_dlg
answer_no "Opens two questions"
keys k
wait_for "Kept 2 answers that no longer apply."
save_quit g.yaml
has "many_gate: no"
has "first_dep: first answer"
has "second_dep: second answer"

# The capital twin clears too; u brings the cleared answers back.
start_dlg
answer_no "Opens two questions"
keys C
wait_for "Cleared 2 answers; u brings them back."
keys s
wait_for "Saved g.yaml"
lacks "first_dep:"
lacks "second_dep:"
has "many_gate: no"
keys u
wait_for "Undone"
save_quit g.yaml
has "many_gate: no"
has "first_dep: first answer"
has "second_dep: second answer"

# The bundled demo: "not a medical device" makes the rest of TR-007 and
# every other template stop applying (149 answers), c clears them all,
# and the dossier still names its three templates.
stop
copy_example demo.yaml d.yaml
grep -q "^  tr-008:" "$tmp/d.yaml" || exit 99
grep -q "^  mdacs-listing:" "$tmp/d.yaml" || exit 99
start -- d.yaml
wait_for "87% complete"
goto_question is_medical_device
keys n
wait_for "no longer apply"
wait_for "Qualification and classification: 1 answer"
keys c
wait_for "Cleared 149 answers; u brings them back."
save_quit d.yaml
grep -q "is_medical_device: no" "$tmp/d.yaml" || fail "answer not saved"
grep -q "software_type" "$tmp/d.yaml" && fail "stale answer kept"
grep -q "rollback_possible" "$tmp/d.yaml" && fail "TR-008 answer kept"
for t in tr-007:2026 tr-008:2026 mdacs-listing:2026; do
	grep -qx -- "- $t" "$tmp/d.yaml" || fail "template list lost $t"
done
# The names the listing template asks are the device's facts: they name
# the device in the top line and the checklist whatever applies.
grep -q "^  manufacturer: Harbourline Imaging Analytics Pte Ltd$" \
    "$tmp/d.yaml" || fail "device fact cleared with the listing answers"

# Esc keeps all 149, and u undoes the answer itself.
stop
copy_example demo.yaml d.yaml
start -- d.yaml
wait_for "87% complete"
goto_question is_medical_device
keys Enter
wait_for "Space: choose"
keys Down Enter
wait_for "no longer apply"
keys Escape
wait_for "Kept 149 answers that no longer apply."
keys u
wait_for "Undone"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "demo changed without a save"
finish

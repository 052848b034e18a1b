#!/bin/sh
# The first-time user's session of issue 13, replayed with a person's
# keys on a new TR-007 + TR-008 dossier for a phone-camera heart-rhythm
# app: the device in one form (Chinese name too), Tab from one question
# that needs an answer to the next, long text finished with F2 and a
# one-line answer with Enter, a yes/no answered with y, TR-008's intended
# use started from TR-007's purpose with R, a refused character explained,
# search finding an answer, and the next start opening where the session
# ended.
. "$srcdir/tests/e2e/lib.sh"

where() {
	screen | sed -n 1p | grep -o 'Section [^│]*'
}

start -- heart.yaml
wait_for "New dossier"
keys Enter
wait_for "device not named yet: D"
keys D
wait_for "─ The device ─"
type_text "RhythmCam"
keys Tab
type_text "心律相機"
keys Enter
wait_gone "─ The device ─"
wait_for "RhythmCam"
# Tab: from one question that needs an answer to the next, on across
# sections.
keys Tab
wait_for ", question "
wait_for ": not answered"
first=$(where)
sec=$(echo "$first" | sed 's/Section \([0-9]*\) .*/\1/')
i=0
while [ "$(where | sed 's/Section \([0-9]*\) .*/\1/')" = "$sec" ]; do
	here=$(where)
	keys Tab
	wait_gone "$here"
	i=$((i + 1))
	[ $i -gt 20 ] && fail "Tab never left section $sec"
done
# The purpose: long text, finished with F2; help and example in view.
goto_question software_function
keys Enter
wait_for "F2/Ctrl+S: done   Esc: cancel   Enter: new line"
wait_for "Example: "
type_text "Uses the phone camera to measure the pulse from a fingertip and flags"
keys Enter
type_text "possible atrial fibrillation for adults at home, to be confirmed by a doctor."
keys F2
wait_gone "Enter: new line"
# The yes/no of "is it a medical device": y answers and goes on.
goto_question is_medical_device
wait_for "y: yes   n: no   Space: switch"
keys y
# The question is on screen before the key too: wait for what y says.
wait_for "Is the software a medical device?: yes"
screen | grep -A1 "Is the software a medical device?" | grep -q "yes" ||
    fail "y did not answer yes"
# TR-008 applies (the app uses AI): y again.
goto_question uses_ai
keys y
wait_for "Does the device use artificial intelligence or machine learning?: yes"
# TR-008's intended use from TR-007's purpose, one key.
goto_question ai_role "2 matches"
keys Up
wait_for "R starts this answer from"
keys R
wait_for "Uses the phone camera to measure the pulse"
keys F2
wait_gone "Enter: new line"
# A number with a unit: refused, with the reason.
goto_question public_health_hours
keys Enter
wait_for "Ctrl+U: clear"
type_text "48h"
wait_for "'h' not taken: a whole number is digits only"
keys Enter
wait_gone "Ctrl+U: clear"
# Search finds the answer.
keys /
wait_for "Search questions"
type_text "atrial fibrillation"
wait_for "in answers"
keys Escape
wait_gone "Search questions"
keys s
wait_for "Saved heart.yaml"
goto_question public_health_hours
left=$(where)
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
stop
start -- heart.yaml
wait_for "$left"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "^  name_zh: 心律相機$" "$tmp/heart.yaml" || fail "Chinese name not saved"
grep -q "public_health_hours: 48$" "$tmp/heart.yaml" || fail "number not saved"
grep -q "is_medical_device: yes" "$tmp/heart.yaml" || fail "yes not saved"
[ "$(grep -c "possible atrial fibrillation" "$tmp/heart.yaml")" = 2 ] ||
    fail "the intended use did not start from the purpose"
finish

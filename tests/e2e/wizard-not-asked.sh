#!/bin/sh
# A question that is not asked (a `when` of it does not hold) cannot be
# edited: it shows greyed with the reason, the cursor skips it after an
# answer and on Up and Down, and Enter or a click on it says why.  Before
# issue 10 the cursor landed on host_device after choosing SaMD, and
# Enter let one type an answer nothing ever checked.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question software_type
wait_for "choice · required"
keys Enter
wait_for "─ Choose one ─"
keys Home Enter
wait_gone "Choose one"
# host_device, the next question, is not asked for SaMD and ends the
# section: the focus goes on to the next section (issue 13), never onto
# the question not asked.
wait_for "Section 2 of"
screen | grep -q "· text · required" && fail "focus on a question not asked"
goto_question software_type
wait_for "choice · required"
keys Up
wait_for "longtext · required"
keys Down
wait_for "choice · required"
screen | grep -q "· text · required" && fail "Down stopped on host_device"
here=$(screen | sed -n 1p | grep -o "Section [0-9]* of [0-9]*")
keys Down
wait_gone "$here"
screen | grep -q "· text · required" && fail "Down stopped on host_device"
goto_question software_type
# The reason in words from the parsed condition, never its source.
wait_for '(not asked: Is it software as a medical'
screen | grep -q 'software_type ==' && fail "condition source shown"
# Enter on a question not asked (reached by search) says why.
goto_question host_device
keys Enter
wait_for 'Not asked: Is it software as a medical device (SaMD) or software in'
# w says the rest, with the answer that decides.
keys w
wait_for 'Not asked, because Is it software as a medical device (SaMD) or'
wait_for '(now: "SaMD")'
keys Escape
wait_gone "Why is this"

screen | grep -q "Ctrl+U: clear" && fail "an editor opened on it"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "host_device" "$tmp/d.yaml" && fail "host_device written"
finish

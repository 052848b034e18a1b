#!/bin/sh
# A long list of answers that no longer apply ("not a medical device"
# closes over a hundred, in some twenty sections) is cut to fit an 80x24
# terminal: the dialog says how many lines it left out, keeps its
# question and buttons, and stays inside its frame above the key bar.
# On a tall terminal the whole list shows, and the two agree.
. "$srcdir/tests/e2e/lib.sh"

# The whole list, on a terminal tall enough for it.
start_demo_copy -y 60
goto_question is_medical_device
keys n
settled_screen "c  Clear them" >"$tmp/s1"
all=$(grep -c "│   - " "$tmp/s1")
grep -q "more" "$tmp/s1" && fail "a list that fits was cut"
[ "$all" -gt 15 ] || fail "expected a long list, got $all lines"
stop

copy_example demo.yaml e.yaml
start -- e.yaml
wait_for "87% complete"
goto_question is_medical_device
keys n
settled_screen "c  Clear them" >"$tmp/s2"
shown=$(grep -c "│   - " "$tmp/s2")
more=$(sed -n 's/.*│ … and \([0-9]*\) more .*/\1/p' "$tmp/s2")
[ -n "$more" ] || fail "no '… and N more' line"
# Items that wrap take two rows but count once, on both screens.
[ $((shown + more)) -eq "$all" ] || fail "shown $shown + cut $more != $all"
[ "$shown" -gt 5 ] || fail "only $shown items kept"
# The frame's bottom corner is above the key bar, which is intact.
last=$(sed -n 24p "$tmp/s2")
case $last in
F1/\?\ Help*) ;;
*) fail "key bar overwritten: '$last'" ;;
esac
screen | sed -n 1,23p | grep -q "└" || fail "no bottom border"
screen | sed -n 24p | grep -q "[│└]" && fail "the dialog reaches the key bar"
show >"$tmp/shot"
keys k
wait_for "Kept 149 answers"
keys q
wait_for "Save them before quitting?"
keys d
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
[ -n "${E2E_SHOW:-}" ] && cat "$tmp/shot"
finish

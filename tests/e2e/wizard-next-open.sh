#!/bin/sh
# Flow (issue 13): Tab and n go to the next question that needs an
# answer, across sections and into records, round the end; Down on a
# section's last question opens the next section; the top line says
# "Section 4 of 21, question 3 of 9".
. "$srcdir/tests/e2e/lib.sh"

# The question focused, as the top line names it.
where() {
	screen | sed -n 1p | grep -o 'Section [^│]*'
}

start_demo_copy
wait_for "Section 1 of "
keys Tab
wait_for "Section 2 of "
wait_for ", question "
first=$(where)
# The question needs an answer: the help line says required, the row
# says not answered.
wait_for "(no answer yet)"
screen | grep -q "· required" || fail "Tab went to a question not required"
keys n
wait_gone "$first"
second=$(where)
keys Tab
wait_gone "$second"
third=$(where)
# Forward only: each one further on.
n1=$(echo "$first" | sed 's/Section \([0-9]*\).*/\1/')
n3=$(echo "$third" | sed 's/Section \([0-9]*\).*/\1/')
[ "$n3" -ge "$n1" ] || fail "Tab went backwards: $first, then $third"
# Round the end, it says so.
i=0
while ! screen | grep -q "Back at the top"; do
	keys Tab
	i=$((i + 1))
	[ $i -gt 60 ] && fail "never came round"
	sleep 0.1
done
wait_for "$first"

# Down on the last question of a section opens the next one.
keys Left Home Right
wait_for "Section 1 of "
wait_for ", question 1 of"
keys End
last=$(where)
keys Down
wait_for "Section 2 of "
wait_for ", question 1 of"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish

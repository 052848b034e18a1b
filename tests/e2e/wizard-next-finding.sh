#!/bin/sh
# f goes to the next question with a finding after the focus, in screen
# order, also when the focused question has just been fixed; it used to
# start again from the first finding of the dossier.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question version_justification
keys Enter
wait_for "Enter: new line"
type_text "Only the report layout changed between the two versions. The model, its thresholds, the input checks and the worklist display are unchanged. The full regression suite, including every system test of flag generation, was rerun on the listed version and all of those tests passed again."
keys C-s
wait_gone "Enter: new line"
wait_for "21 errors"
# The next finding is the change history's, in the next section.
keys f
wait_for "Change history (GN-10)  GN-10"
wait_for "The version to be listed does not appear in the change history"
keys f
wait_for "How does the product avoid a universal default"
wait_for "A universal default password is not allowed"
# Inside a section, screen order: the default password comes first, the
# recovery plan (a later question) next, although the rule's finding is
# listed after the plan's.
keys f
wait_for "Recovery plan after a cybersecurity incident (file): not answered"
keys q
wait_for "Unsaved changes"
keys d
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish

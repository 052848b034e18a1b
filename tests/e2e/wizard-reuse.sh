#!/bin/sh
# Reuse (issue 13): TR-008 asks the intended use that TR-007 asked as the
# software's purpose; the template says so (start_from) and the wizard
# offers that answer with one key, R: it opens in the editor to be
# adapted, and Esc keeps the answer as it was.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question software_function
wait_for "ThoraxFlag analyses adult frontal chest"
# TR-008's intended use: the question above ai_role.
goto_question ai_role "2 matches"
keys Up
wait_for "R starts this answer from “What does the software do, and for which"
wait_for "R: start from the other answer"
keys R
wait_for "Enter: new line"
wait_for "ThoraxFlag analyses adult frontal chest X-rays as they arrive"
keys Escape
wait_gone "Enter: new line"
screen | grep -q "\[unsaved\]" && fail "Esc changed the answer"
keys R
wait_for "Enter: new line"
type_text " Used in hospitals only."
keys F2
wait_gone "Enter: new line"
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
"$PYTHON3" - "$tmp/d.yaml" <<'PY' || fail "the answer did not start from TR-007's"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
a = d["answers"]
src = a["tr-007"]["qualification"]["software_function"].rstrip()
got = a["tr-008"]["intended_use"]["intended_use"]
sys.exit(0 if got.startswith(src) and got.endswith("Used in hospitals only.")
         else 1)
PY
finish

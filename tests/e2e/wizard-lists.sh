#!/bin/sh
# One list behaviour (tui/list.c) on every list: Up and Down stop at the
# ends (no wrapping) and skip what cannot take the focus (the template's
# heading, a question that is not asked), Home and End go to the first
# and the last, PgUp and PgDn a page.  Tried on the section list, the
# question list and a picker.
. "$srcdir/tests/e2e/lib.sh"

# The section named in the header line (line 2, right of the divider).
header() {
	screen | sed -n 2p | sed 's/.*│ //'
}

# Keys are read in order: once the effect of the marker key shows, every
# key before it has been handled.
start_demo_copy
total=$(screen | sed -n 1p | sed -n 's/.*Section 1 of \([0-9]*\).*/\1/p')
[ -n "$total" ] || fail "no position on the top line"
keys End
wait_for "Section $total of $total"
last=$(header)
keys Down Right
wait_for "Enter: answer"
wait_for "Section $total of $total"
[ "$(header)" = "$last" ] || fail "Down on the last section moved: $(header)"
keys Left Home
wait_for "Qualification and classification  TR-007"
# Up on the first section stays (the heading above it is not a section).
keys Up Right
wait_for "Enter: answer"
header | grep -q "^Qualification and classification" ||
    fail "Up on the first section moved: $(header)"
# Questions: End is the last that is asked (host_device, the last row,
# is not asked for SaMD), Up goes back one.
keys End
wait_for "TR-007 4.1.5 (summary only) · choice · required"
screen | grep -q "· text · required" && fail "End landed on a question not asked"
keys Up
wait_for "· longtext · required"
keys Home
wait_for "What does the software do, and for which medical purpose"
keys PgDn
wait_gone "What does the software do, and for which medical purpose"
keys PgUp
wait_for "What does the software do, and for which medical purpose"
# A picker: Up on the first option stays there (it used to wrap to the
# last), Down on the last stays too.
goto_question default_password
keys Enter
wait_for "Space: choose"
keys Home Up Enter
wait_gone "Space: choose"
keys s
wait_for "Saved d.yaml"
"$PYTHON3" - "$tmp/d.yaml" "$DOSSIER_TEMPLATE_PATH" <<'PY' || fail "Up on the first option did not stay on it"
import os, sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
got = d["answers"]["tr-007"]["cybersecurity"]["default_password"]
for n in os.listdir(sys.argv[2]):
    t = yaml.safe_load(open(os.path.join(sys.argv[2], n), encoding="utf-8"))
    for s in t.get("sections", []):
        for f in s.get("fields", []):
            if f["id"] == "default_password":
                sys.exit(0 if got == f["options"][0] else 1)
sys.exit(1)
PY
goto_question default_password
keys Enter
wait_for "Space: choose"
keys End Down Enter
wait_gone "Space: choose"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
"$PYTHON3" - "$tmp/d.yaml" "$DOSSIER_TEMPLATE_PATH" <<'PY' || fail "Down on the last option did not stay on it"
import os, sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
got = d["answers"]["tr-007"]["cybersecurity"]["default_password"]
for n in os.listdir(sys.argv[2]):
    t = yaml.safe_load(open(os.path.join(sys.argv[2], n), encoding="utf-8"))
    for s in t.get("sections", []):
        for f in s.get("fields", []):
            if f["id"] == "default_password":
                sys.exit(0 if got == f["options"][-1] else 1)
sys.exit(1)
PY
finish

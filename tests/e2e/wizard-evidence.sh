#!/bin/sh
# The wizard shows each file answer's state against the evidence
# register, and --record brings the register up to date on every save.
. "$srcdir/tests/e2e/lib.sh"

cp -R "$srcdir/tests/data/proof/." "$tmp/" || exit 99
chmod -R u+w "$tmp"
tpl="DOSSIER_TEMPLATE_PATH=$tmp/tpl"
env "$tpl" "$DOSSIER" evidence --record --date 2026-02-03 "$tmp/clean.yaml" \
    >/dev/null 2>&1 || fail "evidence --record failed"

start "$tpl" -- clean.yaml
wait_for "Test analyser"
goto_question "Study report"
wait_for "docs/report.md  [recorded]"
echo "a later edit" >>"$tmp/docs/report.md"
keys Down Up
wait_for "docs/report.md  [CHANGED since recorded]"
keys q
wait_exit >/dev/null
stop

echo "Protocol, version 2." >"$tmp/docs/protocol-2.md"
start "$tpl" -- --record clean.yaml
wait_for "Test analyser"
set_line "Protocol" "docs/protocol-2.md"
# Answered, the focus went on to the next section (issue 13): back to it.
goto_question "Protocol"
wait_for "docs/protocol-2.md  [not recorded]"
keys F6
wait_for "'docs/protocol-2.md' is not in the eviden"
keys Escape
wait_gone "Findings │"
keys s
wait_for "Saved clean.yaml"
wait_for "docs/protocol-2.md  [recorded]"
# The verdict follows the register the save wrote: the finding is gone.
keys F6
wait_for "Findings │"
settled_screen "Findings │" >"$tmp/f2"
grep -q "is not in the eviden" "$tmp/f2" &&
    fail "a recorded file is still reported as not recorded"
grep -q "changed since it was rec" "$tmp/f2" &&
    fail "a file recorded again is still reported as changed"
keys Escape
wait_gone "Findings │"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "^    docs/protocol-2.md:" "$tmp/clean.yaml" ||
    fail "the save did not record docs/protocol-2.md"
grep -q "^    docs/protocol.md:" "$tmp/clean.yaml" &&
    fail "the register still lists a file no answer names"
finish

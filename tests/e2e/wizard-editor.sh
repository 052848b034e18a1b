#!/bin/sh
# e opens a long text in $EDITOR (here a script); when the editor fails
# the answer stays as it was and a message says why.
. "$srcdir/tests/e2e/lib.sh"

cat >"$tmp/ed.sh" <<'ED'
#!/bin/sh
# A scripted editor: check the old text arrived, then write a new one.
grep -q "Five failed log-ins" "$1" || exit 3
printf 'Written by the scripted editor.\n' >"$1"
ED
chmod +x "$tmp/ed.sh"
start_demo_copy VISUAL= EDITOR="$tmp/ed.sh"
goto_question brute_force_description
keys e
wait_for "Written by the scripted editor."
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "brute_force_description: Written by the scripted editor." \
    "$tmp/d.yaml" || fail "editor text not saved"
stop
start VISUAL=false -- d.yaml
wait_for "% complete"
goto_question brute_force_description
keys C-g
wait_for "failed with status 1"
wait_for "Written by the scripted editor."
screen | grep -q "\[unsaved\]" && fail "failed editor changed the answer"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
ls "$tmp"/dossier-answer-* >/dev/null 2>&1 && fail "temporary file left"
finish

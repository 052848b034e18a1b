#!/bin/sh
# SIGHUP (the terminal went away): the recovery file is written, and the
# next start offers it; "keep" sets it aside under a dated name.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
goto_question listed_version
keys Enter
wait_for "Ctrl+U: clear"
keys C-u
type_text "2.7.1"
keys Enter
wait_for "[unsaved]"
kill -HUP "$(pid)"
[ "$(wait_exit)" = 129 ] || fail "exit status not 129"
grep -q '2.7.1' "$tmp/.d.yaml.dossier-recover" || fail "no recovery file"
stop
start -- d.yaml
wait_for "Recovery file found"
keys k
wait_for "Kept the recovery file as"
screen | grep -q "\[unsaved\]" && fail "kept file was used"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
[ -e "$tmp/.d.yaml.dossier-recover" ] && fail "recovery file not set aside"
ls "$tmp"/.d.yaml.*.dossier-recover >/dev/null 2>&1 || fail "no kept file"
finish

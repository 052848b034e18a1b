#!/bin/sh
# SIGHUP (the terminal went away): the recovery file is written, and the
# next start offers it; "keep" sets it aside under a dated name.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
set_line listed_version "2.7.1"
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

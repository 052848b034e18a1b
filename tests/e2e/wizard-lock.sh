#!/bin/sh
# Two editors, one file: the second is told who holds it (pid, host,
# since when), may only open it read-only, and never writes; the first
# keeps editing and saving, and its lock goes when it quits.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
first=$sock
firstpid=$(pid)
[ -e "$tmp/.d.yaml.dossier-lock" ] || fail "no lock file while editing"
grep -q "^$firstpid " "$tmp/.d.yaml.dossier-lock" || fail "lock does not name the editor"

# Esc quits: exit 0, nothing written, the editor's lock left alone.
start -- d.yaml
wait_for "File in use"
wait_for "pid $firstpid on"
keys Escape
[ "$(wait_exit)" = 0 ] || fail "Esc on 'File in use' did not quit with 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "Esc on 'File in use' wrote"
grep -q "^$firstpid " "$tmp/.d.yaml.dossier-lock" ||
    fail "Esc on 'File in use' touched the editor's lock"
stop

# The capital twin opens read-only too.
start -- d.yaml
wait_for "File in use"
keys R
wait_for "[read-only]"
keys q
[ "$(wait_exit)" = 0 ] || fail "read-only quit did not exit 0"
stop

start -- d.yaml
wait_for "File in use"
wait_for "pid $firstpid on"
keys r
wait_for "[read-only]"
goto_question listed_version
keys Enter
wait_for "Read-only:"
keys s
wait_for "Read-only:"
keys u
wait_for "Read-only:"
keys q
[ "$(wait_exit)" = 0 ] || fail "read-only quit did not exit 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "the read-only editor wrote"
[ -e "$tmp/.d.yaml.dossier-lock" ] || fail "the reader removed the editor's lock"
stop

sock=$first
set_line listed_version "7.7.8"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q 'listed_version: "7.7.8"' "$tmp/d.yaml" || fail "the editor could not save"
[ -e "$tmp/.d.yaml.dossier-lock" ] && fail "lock left after quitting"
finish

#!/bin/sh
# A lock left by a dead editor (SIGKILL, no unsaved changes): every key of
# the "Stale lock" prompt.  Esc quits and writes nothing; r opens
# read-only and leaves the lock; t takes it over, edits, saves, and the
# lock goes on quitting.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
deadpid=$(pid)
kill -KILL "$deadpid"
[ "$(wait_exit)" = 137 ] || fail "not killed"
grep -q "^$deadpid " "$tmp/.d.yaml.dossier-lock" || fail "no lock left behind"
cp "$tmp/.d.yaml.dossier-lock" "$tmp/lock.before"
stop

start -- d.yaml
wait_for "Stale lock"
wait_for "no longer running"
keys Escape
[ "$(wait_exit)" = 0 ] || fail "Esc on 'Stale lock' did not quit with 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "Esc on 'Stale lock' wrote"
cmp -s "$tmp/.d.yaml.dossier-lock" "$tmp/lock.before" ||
    fail "Esc on 'Stale lock' changed the lock"
stop

start -- d.yaml
wait_for "Stale lock"
keys r
wait_for "[read-only]"
goto_question listed_version
keys Enter
wait_for "Read-only:"
keys s
wait_for "Read-only:"
keys q
[ "$(wait_exit)" = 0 ] || fail "read-only quit did not exit 0"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "the read-only editor wrote"
cmp -s "$tmp/.d.yaml.dossier-lock" "$tmp/lock.before" ||
    fail "the read-only editor changed the lock"
stop

start -- d.yaml
wait_for "Stale lock"
keys t
wait_for "% complete"
screen | grep -q "Recovery file found" && fail "recovery offered with none"
grep -q "^$(pid) " "$tmp/.d.yaml.dossier-lock" || fail "lock not taken over"
set_line listed_version "7.7.9"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q 'listed_version: "7.7.9"' "$tmp/d.yaml" || fail "not saved"
[ -e "$tmp/.d.yaml.dossier-lock" ] && fail "lock file left"
finish

#!/bin/sh
# After SIGKILL nothing can be restored on the spot, but the autosave
# (every 5 seconds while unsaved) is there and the next start offers it,
# after saying that the dead editor's lock is stale.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
set_line listed_version "7.7.7"
wait_file "$tmp/.d.yaml.dossier-recover"
kill -KILL "$(pid)"
[ "$(wait_exit)" = 137 ] || fail "not killed"
grep -q '7.7.7' "$tmp/.d.yaml.dossier-recover" || fail "edit not autosaved"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
[ -e "$tmp/.d.yaml.dossier-lock" ] || fail "the dead editor left no lock"
stop
start -- d.yaml
wait_for "Stale lock"
wait_for "no longer running"
keys t
wait_for "Recovery file found"
wait_for "Recover the changes"
keys r
wait_for "Recovered the unsaved changes"
wait_for "[unsaved]"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q 'listed_version: "7.7.7"' "$tmp/d.yaml" || fail "not recovered"
[ -e "$tmp/.d.yaml.dossier-recover" ] && fail "recovery file left"
[ -e "$tmp/.d.yaml.dossier-lock" ] && fail "lock file left"
finish

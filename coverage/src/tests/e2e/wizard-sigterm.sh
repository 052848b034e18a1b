#!/bin/sh
# SIGTERM: the recovery file gets the latest edit, the terminal is
# restored, a message says where the changes are, and the exit status is
# 128+15.
. "$srcdir/tests/e2e/lib.sh"

start_demo_copy
set_line listed_version "3.1.4"
kill -TERM "$(pid)"
[ "$(wait_exit)" = 143 ] || fail "exit status not 143"
assert_restored
wait_for "stopped by signal 15"
grep -q '3.1.4' "$tmp/.d.yaml.dossier-recover" || fail "no recovery file"
cmp -s "$tmp/d.yaml" "$EXAMPLES/demo.yaml" || fail "file changed"
finish

#!/bin/sh
# Merge conflicts left by "dossier merge" are offered one by one when the
# wizard opens: take theirs for one, keep ours for the other, save; check
# then has no conflict left.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml base.yaml
sed 's/^      listed_version: "2.4.1"$/      listed_version: "2.4.2"/; s/^      safety_class: Class B$/      safety_class: Class C/' \
    "$tmp/base.yaml" >"$tmp/d.yaml"
sed 's/^      listed_version: "2.4.1"$/      listed_version: "2.5.0"/; s/^      safety_class: Class B$/      safety_class: Class A/' \
    "$tmp/base.yaml" >"$tmp/theirs.yaml"
(cd "$tmp" && env DOSSIER_TEMPLATE_PATH="$DOSSIER_TEMPLATE_PATH" \
    "$DOSSIER" merge base.yaml d.yaml theirs.yaml 2>/dev/null)
[ $? -eq 1 ] || fail "merge did not report the conflicts"
grep -q "^conflicts:" "$tmp/d.yaml" || fail "no conflicts recorded"

start -- d.yaml
wait_for "Merge conflicts"
keys r
wait_for "Merge conflict 1 of 2"
wait_for "Theirs: Class A"
keys t
wait_for "Merge conflict 2 of 2"
wait_for "Theirs: 2.5.0"
keys o
wait_for "2 conflicts resolved"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
grep -q "^conflicts:" "$tmp/d.yaml" && fail "conflicts left in the file"
grep -q "^      safety_class: Class A$" "$tmp/d.yaml" || fail "theirs not taken"
grep -q '^      listed_version: "2.4.2"$' "$tmp/d.yaml" || fail "ours not kept"
finish

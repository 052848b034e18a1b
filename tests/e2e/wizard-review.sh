#!/bin/sh
# The wizard shows the reviewer's verdict on the focused question (v):
# status, note, who, when, whether it is stale, and the earlier verdicts;
# a question nobody reviewed says so.
. "$srcdir/tests/e2e/lib.sh"

copy_example demo.yaml d.yaml
# The answer hash is not the answer's: the verdict is stale.
cat >>"$tmp/d.yaml" <<'YAML'
reviews:
  tr-007.lifecycle.safety_class:
    status: Rejected
    note: The hazard analysis says class C
    by: Rita Reviewer
    at: 2026-03-02T10:15:00Z
    answer: 0000000000000000000000000000000000000000000000000000000000000000
    history:
    - status: Query
      note: Why class B?
      by: Quentin Querier
      at: 2026-02-01T09:00:00Z
      answer: 0000000000000000000000000000000000000000000000000000000000000000
YAML

start -- d.yaml
goto_question "safety_class" "IEC 62304 software safety class"
keys v
wait_for "Review of IEC 62304 software safety class"
wait_for "Status: Rejected"
wait_for "Note:   The hazard analysis says class C"
wait_for "By:     Rita Reviewer"
wait_for "When:   2026-03-02T10:15:00Z"
wait_for "Stale:  the answer has changed since"
wait_for "Earlier verdicts, latest first:"
wait_for "Query by Quentin Querier, 2026-02-01T09:00:00Z: Why class B?"
keys Escape
wait_gone "Review of IEC 62304"
goto_question "listed_version"
keys v
wait_for "No reviewer has judged this answer"
wait_for "(tr-007.versioning.listed_version)."
keys Escape
wait_gone "No reviewer has judged"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
finish

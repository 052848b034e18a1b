#!/bin/sh
# Evidence paths (issue 13): Tab completes a file's name in the dossier's
# folder, Ctrl+O picks one from a list, and a file from elsewhere is
# offered to be copied into evidence/ so it travels with the dossier.
. "$srcdir/tests/e2e/lib.sh"

away=$(mktemp -d "${TMPDIR:-/tmp}/dossier-away.XXXXXX") || exit 99
trap 'rm -rf "$away"; cleanup' EXIT
printf 'incident plan, version 3\n' >"$away/incident plan v3.md"

start_demo_copy
goto_question recovery_plan
keys Enter
wait_for "─ A file beside the dossier ─"
wait_for "Tab: complete"
wait_for "Ctrl+O/F4: pick a file"
# Tab: as far as the names agree, then the one name.
keys C-u
type_text "evid"
keys Tab
wait_for "evidence/"
type_text "rec"
keys Tab
wait_for "evidence/recovery-plan.md"
wait_for "Found: the file exists."
keys C-u
type_text "evidence/lrp-"
keys Tab
wait_for "4 names: lrp-adverse-event-procedure.md lrp-business-registration"
keys Escape
wait_gone "─ A file beside the dossier ─"

# Ctrl+O: a picker of the files under the folder.
keys Enter
wait_for "─ A file beside the dossier ─"
keys C-o
wait_for "─ Pick a file ─"
wait_for "evidence/ai-risk-summary.md"
keys Home Down Enter
wait_gone "─ Pick a file ─"
keys Enter
wait_gone "─ A file beside the dossier ─"
wait_for "[unsaved]"
wait_for "    evidence/ai-risk-summary.md"

# From elsewhere: copied into evidence/ on request.
goto_question recovery_plan
keys Enter
wait_for "─ A file beside the dossier ─"
keys C-u
type_text "$away/incident plan v3.md"
wait_for "Enter offers to copy it"
keys Enter
wait_for "─ A file from elsewhere ─"
keys c
wait_gone "─ A file from elsewhere ─"
wait_for "Copied"
keys s
wait_for "Saved d.yaml"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
cmp -s "$away/incident plan v3.md" "$tmp/evidence/incident plan v3.md" ||
    fail "not copied"
grep -q "recovery_plan: evidence/incident plan v3.md" "$tmp/d.yaml" ||
    grep -q "recovery_plan: 'evidence/incident plan v3.md'" "$tmp/d.yaml" ||
    fail "the answer is not the copy's path: $(grep recovery_plan "$tmp/d.yaml")"
finish

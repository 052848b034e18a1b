#!/bin/sh
# check --format json is written through one buffer with cached pieces
# (tui/checkjson.c) and its items are streamed (checklist_each): the bytes
# must stay those of the layout the earlier printf writer gave, which
# scripts may parse line by line.  The layout is rebuilt here from the
# parsed objects with Python's json.dumps and compared byte for byte, on
# the bundled demo and complete examples, a dossier of empty records (the
# limit benchmark's shape, small), several files and an error object.
# The content itself is checked by verbs.sh and consistency.sh.

. "${srcdir:-.}/tests/e2e/cli-lib.sh"
need_python
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT

# layout WHAT: $TMP/out is exactly the layout rebuilt from its own parse.
layout() {
	if "$PYTHON3" - "$TMP/out" <<'PY'
import json, sys

raw = open(sys.argv[1], encoding="utf-8").read()
doc = json.loads(raw)
d = lambda v: json.dumps(v, ensure_ascii=False)
def lst(name, items, last=False):
    body = "".join(("," if i else "") + "\n    " + d(x)
                   for i, x in enumerate(items))
    return '"%s": [%s%s]%s' % (name, body, "\n   " if items else "",
                               "}" if last else ",\n   ")
out = []
for o in doc:
    if "error" in o:
        out.append("  " + d(o))
        continue
    s = "  {" + '"file": %s, ' % d(o["file"])
    s += ", ".join('"%s": %s' % (k, d(o[k])) for k in
                   ("completeness", "errors", "warnings", "infos")) + ",\n   "
    s += ", ".join('"%s": %s' % (k, d(o[k])) for k in
                   ("file_errors", "file_warnings", "file_infos")) + ",\n   "
    s += '"templates": [%s],\n   ' % ", ".join(d(t) for t in o["templates"])
    s += lst("findings", o["findings"]) + lst("items", o["items"], True)
    out.append(s)
want = "[\n" + ",\n".join(out) + "\n]\n"
if raw != want:
    for i, (a, b) in enumerate(zip(raw, want)):
        if a != b:
            print("  first difference at byte %d: %r vs %r" %
                  (i, raw[max(0, i - 40):i + 40], want[max(0, i - 40):i + 40]))
            break
    else:
        print("  lengths differ: %d vs %d" % (len(raw), len(want)))
    sys.exit(1)
PY
	then
		pass
	else
		fail "$1: JSON layout differs from the printf writer's"
	fi
}

for ex in demo complete; do
	run check --format json "$EXAMPLES/$ex.yaml"
	no_sanitizer "check --format json $ex.yaml"
	layout "$ex.yaml"
done

# Records: record paths from cached parts, numbers past one digit, a
# finding (group-level) reported after the records it is about.
{
	printf 'format: 1\ntemplates:\n- tr-008:2026\nanswers:\n'
	printf '  tr-008:\n    applicability:\n      uses_ai: yes\n'
	printf '    datasets:\n      datasets:\n'
	i=0
	while [ "$i" -lt 120 ]; do
		printf '      - {}\n'
		i=$((i + 1))
	done
} >"$TMP/records.yaml"
run check --format json "$TMP/records.yaml" "$EXAMPLES/demo.yaml" \
    "$TMP/missing.yaml"
expect_rc 2 "check --format json with a missing file"
no_sanitizer "check --format json records"
layout "records, demo and a missing file"
if grep -qF '"path": "tr-008.datasets.datasets[120].' "$TMP/out"; then
	pass
else
	fail "records: no path of record 120"
fi

finish

#!/bin/sh
# One verdict everywhere (issue 10): every question's mark in the wizard,
# its row's status in the XLSX checklist and its item in check --format
# json agree, on every section of the demo, the complete example and a
# dossier made to hit every status, inside every record of every list
# (datasets, changes) too.  consistency.py compares.
. "$srcdir/tests/e2e/lib.sh"

: "${PYTHON3:=python3}"
"$PYTHON3" -c 'import openpyxl, yaml' 2>/dev/null || {
	echo "openpyxl or yaml missing: skipping"
	exit 77
}
cp -R "$EXAMPLES/evidence" "$tmp/evidence" || exit 99
cp "$EXAMPLES/demo.yaml" "$tmp/demo.yaml" || exit 99
cp "$EXAMPLES/complete.yaml" "$tmp/complete.yaml" || exit 99
# Every status: not applicable with a reason, a question a choice opens
# left empty, an optional answer with an error, a warning left empty.
"$PYTHON3" - "$tmp/demo.yaml" "$tmp/mixed.yaml" <<'PY' || exit 99
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
a = d["answers"]["tr-007"]
a["security_risk"]["threat_model"] = {"not_applicable": "No network."}
a["qualification"]["software_type"] = "SiMD"
a["versioning"]["tested_version"] = "not a version"
a["lifecycle"].pop("end_of_support", None)
yaml.safe_dump(d, open(sys.argv[2], "w", encoding="utf-8"),
               allow_unicode=True, sort_keys=False)
PY

for name in demo complete mixed; do
	f=$tmp/$name.yaml
	"$DOSSIER" check --format json "$f" >"$tmp/$name.json" 2>/dev/null
	"$DOSSIER" export "$f" --xlsx "$tmp/$name.xlsx" >/dev/null 2>&1 ||
	    fail "export of $name failed"
	# The sections in order, as the wizard lists them.
	"$PYTHON3" - "$f" "$DOSSIER_TEMPLATE_PATH" >"$tmp/$name.0.order" <<'PY' || exit 99
import os, sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
ts = {}
for n in os.listdir(sys.argv[2]):
    # NAME.zh-Hant.yaml beside a template is its translation, not one.
    if n.endswith(".yaml") and not n.endswith(".zh-Hant.yaml"):
        t = yaml.safe_load(open(os.path.join(sys.argv[2], n), encoding="utf-8"))
        ts["%s:%s" % (t["id"], t["edition"])] = t
for ref in d["templates"]:
    for s in ts[ref]["sections"]:
        print(ts[ref]["id"], s["id"])
PY
	nsec=$(wc -l <"$tmp/$name.0.order")
	start -x 200 -y 100 -- "$name.yaml"
	wait_for "% complete"
	# Walk every question as a person would, with Down (which goes on
	# to the next section after a section's last question); the top
	# line says where the focus is.  On a list of records, open each
	# record.  One screen per section, per list and per record.
	keys Right
	wait_for "Section 1 of $nsec, question"
	prev=
	shots=
	while :; do
		n=0
		while :; do
			screen >"$tmp/shot"
			here=$(sed -n 1p "$tmp/shot" | grep -o 'Section [^│]*')
			# The whole screen, not half of a redraw: the same
			# twice running.
			sleep 0.05
			screen >"$tmp/shot2"
			[ -n "$here" ] && [ "$here" != "$prev" ] &&
			    cmp -s "$tmp/shot" "$tmp/shot2" && break
			n=$((n + 1))
			[ $n -ge 200 ] && fail "$name: the focus did not move from '$prev'"
			sleep 0.05
		done
		sec=$(echo "$here" | sed 's/Section \([0-9]*\) of.*/\1/')
		# The first screen of each section: its questions' marks.
		if [ ! -e "$tmp/$name.s$sec.shot" ]; then
			cp "$tmp/shot" "$tmp/$name.s$sec.shot"
			shots="$shots $tmp/$name.s$sec.shot"
		fi
		# The focus on a list of records (the facts line says so).
		if sed -n 93p "$tmp/shot" | grep -q ' · group · ' &&
		    ! grep -q '(no records yet' "$tmp/shot"; then
			sp=$(echo "$here" | sed 's/,.*//')
			keys Enter
			wait_for "$sp, record 1 of"
			nrec=$(screen | sed -n 1p |
			    sed 's/.*, record 1 of \([0-9]*\).*/\1/')
			g=$tmp/$name.s$sec.$(echo "$here" | tr -dc 0-9)
			settled_screen "$sp, record 1 of" >"$g.list.shot"
			shots="$shots $g.list.shot"
			r=1
			while [ $r -le "$nrec" ]; do
				[ $r -gt 1 ] && keys Down &&
				    wait_for "$sp, record $r of $nrec │"
				keys Enter
				settled_screen "$sp, record $r of $nrec, question" \
				    >"$g.r$r.shot"
				shots="$shots $g.r$r.shot"
				keys Escape
				wait_gone "$sp, record $r of $nrec, question"
				r=$((r + 1))
			done
			keys Escape
			wait_for "$here│"
		fi
		echo "$here" | grep -q "^Section $nsec of $nsec" &&
		    echo "$here" | grep -q ', question \([0-9]*\) of \1 $' &&
		    break
		echo "$here" | grep -q "^Section $nsec of $nsec, question 0 of 0" &&
		    break
		prev=$here
		keys Down
	done
	keys q
	[ "$(wait_exit)" = 0 ] || fail "$name: exit status not 0"
	stop
	# shellcheck disable=SC2086
	"$PYTHON3" "$srcdir/tests/e2e/consistency.py" "$tmp/$name.json" \
	    "$tmp/$name.xlsx" "$DOSSIER_TEMPLATE_PATH" "$tmp/$name.0.order" \
	    $shots ||
	    fail "$name: the wizard, check and the checklist disagree"
done
finish

#!/bin/sh
# One verdict everywhere (issue 10): every question's mark in the wizard,
# its row's status in the XLSX checklist and its item in check --format
# json agree, on every section of the demo, the complete example and a
# dossier made to hit every status.  consistency.py compares.
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

# Is every line of file $1 (a question's label) somewhere in screen $2?
all_shown() {
	while IFS= read -r label; do
		grep -F -q -- "$label" "$2" || return 1
	done <"$1"
	return 0
}

for name in demo complete mixed; do
	f=$tmp/$name.yaml
	"$DOSSIER" check --format json "$f" >"$tmp/$name.json" 2>/dev/null
	"$DOSSIER" export "$f" --xlsx "$tmp/$name.xlsx" >/dev/null 2>&1 ||
	    fail "export of $name failed"
	# The sections in order, as the wizard lists them, and for each the
	# labels consistency.py will look for ($name.labels.N).
	"$PYTHON3" - "$f" "$DOSSIER_TEMPLATE_PATH" "$tmp/$name.labels" \
	    >"$tmp/$name.0.order" <<'PY' || exit 99
import os, sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
ts = {}
for n in os.listdir(sys.argv[2]):
    if n.endswith(".yaml"):
        t = yaml.safe_load(open(os.path.join(sys.argv[2], n), encoding="utf-8"))
        ts["%s:%s" % (t["id"], t["edition"])] = t
i = 0
for ref in d["templates"]:
    for s in ts[ref]["sections"]:
        print(ts[ref]["id"], s["id"])
        with open("%s.%d" % (sys.argv[3], i), "w", encoding="utf-8") as f:
            for fl in s["fields"]:
                if len(fl["label"]) < 150:
                    f.write(fl["label"] + "\n")
        i += 1
PY
	nsec=$(wc -l <"$tmp/$name.0.order")
	start -x 200 -y 100 -- "$name.yaml"
	wait_for "% complete"
	i=0
	shots=
	while [ $i -lt "$nsec" ]; do
		[ $i -gt 0 ] && keys Down
		# Poll for the section's whole screen, not only its header: a
		# capture taken while the redraw is under way can show the new
		# header over the old questions.  Done when the header changed,
		# every question of the section is on screen, and two captures
		# in a row are the same.
		n=0
		: >"$tmp/$name.$i.shot"
		while :; do
			screen >"$tmp/$name.$i.next"
			hdr=$(sed -n 2p "$tmp/$name.$i.next")
			if { [ $i -eq 0 ] || [ "$hdr" != "$prev" ]; } &&
			    cmp -s "$tmp/$name.$i.next" "$tmp/$name.$i.shot" &&
			    all_shown "$tmp/$name.labels.$i" "$tmp/$name.$i.shot"
			then
				break
			fi
			mv "$tmp/$name.$i.next" "$tmp/$name.$i.shot"
			n=$((n + 1))
			[ $n -ge 400 ] && fail "section $i of $name did not show"
			sleep 0.05
		done
		rm -f "$tmp/$name.$i.next"
		prev=$hdr
		shots="$shots $tmp/$name.$i.shot"
		i=$((i + 1))
	done
	cp "$tmp/$name.0.order" "$tmp/$name.0.shot.order"
	keys q
	[ "$(wait_exit)" = 0 ] || fail "$name: exit status not 0"
	stop
	# shellcheck disable=SC2086
	"$PYTHON3" "$srcdir/tests/e2e/consistency.py" "$tmp/$name.json" \
	    "$tmp/$name.xlsx" "$DOSSIER_TEMPLATE_PATH" $shots ||
	    fail "$name: the wizard, check and the checklist disagree"
done
finish

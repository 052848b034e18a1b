#!/usr/bin/python3
"""One verdict everywhere (issue 10): for one dossier, compare the status
of every item in `dossier check --format json` (items), in the XLSX
checklist (read with openpyxl), and every question's mark in the wizard
(screens captured section by section by consistency.sh).

usage: consistency.py CHECK.json BOOK.xlsx TEMPLATE_DIR SCREENS...
Exit 0 when all agree, 1 with one line per disagreement.
"""
import json
import os
import sys

import openpyxl
import yaml

MARKS = {"✓": "Complete", "○": "Missing", "!": "Error", "?": "Warning",
         "i": "Info", "-": "Not applicable", " ": "Optional"}


def main():
    check_path, book_path, tdir = sys.argv[1:4]
    screens = sys.argv[4:]
    bad = []
    with open(check_path, encoding="utf-8") as f:
        items = json.load(f)[0]["items"]
    wb = openpyxl.load_workbook(book_path)
    ws = wb["Checklist"]
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    rows = []
    for r in ws.iter_rows(min_row=2, values_only=True):
        if r[col["Path"]] is None:
            continue
        rows.append(r)
    # check and the workbook: the same items, in the same order.
    xl = [(r[col["Path"]], r[col["Status"]]) for r in rows]
    ck = [(i["path"], i["status"]) for i in items]
    if xl != ck:
        for a, b in zip(ck, xl):
            if a != b:
                bad.append("check %s: %s, workbook %s: %s" % (a + b))
        if len(xl) != len(ck):
            bad.append("check has %d items, the workbook %d rows"
                       % (len(ck), len(xl)))
    status = {p: s for p, s in ck}

    # The wizard: each screen is one section's questions.
    tmpls = {}
    for name in os.listdir(tdir):
        if name.endswith(".yaml"):
            with open(os.path.join(tdir, name), encoding="utf-8") as f:
                t = yaml.safe_load(f)
            tmpls[t["id"]] = t
    with open(screens[0] + ".order", encoding="utf-8") as f:
        order = [l.split() for l in f.read().splitlines() if l.strip()]
    compared = 0
    for (tid, sid), shot in zip(order, screens):
        sec = [s for s in tmpls[tid]["sections"] if s["id"] == sid][0]
        labels = {f["label"]: f["id"] for f in sec["fields"]}
        with open(shot, encoding="utf-8") as f:
            lines = f.read().splitlines()
        seen = set()
        for line in lines:
            if "│" not in line:
                continue
            right = line[line.index("│") + 1:]
            if len(right) < 3 or right[0] != " " or right[2] != " " \
                    or right[3] == " ":
                continue
            mark, label = right[1], right[3:].rstrip()
            if label.endswith("…") or label not in labels:
                continue
            seen.add(label)
            path = "%s.%s.%s" % (tid, sid, labels[label])
            want = status.get(path)
            got = MARKS.get(mark, "?" + mark)
            compared += 1
            if want is None:
                # No row: not asked, shown as not applicable.
                if got != "Not applicable":
                    bad.append("%s: wizard %s, no checklist row (not "
                               "asked)" % (path, got))
            elif want != got:
                bad.append("%s: wizard %s, check and workbook %s"
                           % (path, got, want))
        for lab, fid in labels.items():
            if lab not in seen and len(lab) < 150:
                bad.append("%s.%s.%s: not seen in the wizard"
                           % (tid, sid, fid))
    for line in bad:
        print("FAIL:", line)
    print("%d items, %d wizard marks compared" % (len(ck), compared))
    return 1 if bad or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

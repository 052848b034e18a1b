#!/usr/bin/python3
"""One verdict everywhere (issue 10): for one dossier, compare the status
of every item in `dossier check --format json` (items), in the XLSX
checklist (read with openpyxl), and every question's mark in the wizard
(screens captured section by section by consistency.sh).

usage: consistency.py CHECK.json BOOK.xlsx TEMPLATE_DIR ORDER SCREENS...
ORDER lists the sections as the wizard numbers them ("tr-007 lifecycle");
a screen's name says what it shows: NAME.sN.shot section N's questions,
NAME.sN.K.list.shot a list of records, NAME.sN.K.rR.shot record R.
Exit 0 when all agree, 1 with one line per disagreement.
"""
import json
import os
import re
import sys

import openpyxl
import yaml

MARKS = {"✓": "Complete", "○": "Missing", "!": "Error", "?": "Warning",
         "i": "Info", "-": "Not applicable", " ": "Optional"}


# The order of statuses, best first, as core/checklist.h has them.
ORDER = ["Complete", "Optional", "Not applicable", "Info", "Warning",
         "Missing", "Error"]


def fold(statuses):
    """A record's status: its worst item, anything below a warning
    counting as complete (checklist_fold in core/checklist.c)."""
    worst = 0
    for st in statuses:
        i = ORDER.index(st)
        if i < ORDER.index("Warning"):
            i = 0
        worst = max(worst, i)
    return ORDER[worst]


def main():
    check_path, book_path, tdir, order_path = sys.argv[1:5]
    screens = sys.argv[5:]
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

    # The wizard: a screen per section (its questions), per list of
    # records (a mark per record) and per record (its questions).
    tmpls = {}
    for name in os.listdir(tdir):
        # NAME.zh-Hant.yaml beside a template is its translation, not one.
        if name.endswith(".yaml") and not name.endswith(".zh-Hant.yaml"):
            with open(os.path.join(tdir, name), encoding="utf-8") as f:
                t = yaml.safe_load(f)
            tmpls[t["id"]] = t
    with open(order_path, encoding="utf-8") as f:
        order = [l.split() for l in f.read().splitlines() if l.strip()]
    compared = 0
    records = 0
    for shot in screens:
        m = re.search(r"\.s(\d+)(\.\d+\.(list|r(\d+)))?\.shot$", shot)
        tid, sid = order[int(m.group(1)) - 1]
        sec = [s for s in tmpls[tid]["sections"] if s["id"] == sid][0]
        with open(shot, encoding="utf-8") as f:
            lines = f.read().splitlines()
        prefix = "%s.%s." % (tid, sid)
        fields = sec["fields"]
        if m.group(2) is not None:
            # Which list: the header names it by its label.
            head = lines[1][lines[1].index("│") + 1:].strip()
            group = [g for g in fields if g.get("type") == "group" and
                     (head.startswith(g["label"] + ":") or
                      head.startswith(g["label"] + " › "))]
            if len(group) != 1:
                bad.append("%s: no list named in '%s'" % (shot, head))
                continue
            g = group[0]
            if m.group(3) == "list":
                for line in lines[2:]:
                    if "│" not in line:
                        continue
                    right = line[line.index("│") + 1:]
                    r = re.match(r" (.) (\d+)\. ", right)
                    if r is None:
                        continue
                    rec = int(r.group(2))
                    path = "%s%s[%d]." % (prefix, g["id"], rec)
                    sts = [st for p, st in ck if p.startswith(path)]
                    want = fold(sts)
                    got = MARKS.get(r.group(1), "?" + r.group(1))
                    compared += 1
                    records += 1
                    if want != got:
                        bad.append("%s%s record %d: wizard %s, check and "
                                   "workbook %s" % (prefix, g["id"], rec,
                                                   got, want))
                continue
            prefix = "%s%s[%s]." % (prefix, g["id"], m.group(4))
            fields = g["fields"]
        labels = {f["label"]: f["id"] for f in fields}
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
            path = prefix + labels[label]
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
                bad.append("%s%s: not seen in the wizard" % (prefix, fid))
    for line in bad:
        print("FAIL:", line)
    print("%d items, %d wizard marks compared (%d of records)"
          % (len(ck), compared, records))
    return 1 if bad or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

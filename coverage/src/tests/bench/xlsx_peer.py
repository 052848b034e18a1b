#!/usr/bin/python3
"""The benchmark's peer: openpyxl writing the rows that dossier wrote.

usage: xlsx_peer.py CHECKLIST.xlsx OUT.xlsx RUNS

Reads the Checklist sheet of dossier's workbook (not timed), then writes
the same rows RUNS times with openpyxl, with what dossier gives them: bold
shaded header, wrapped text cells with borders, a fill per status, frozen
header, autofilter, the Reviewer drop-down and column widths.  Prints the
rows and the median seconds of one write, as "ROWS SECONDS".
"""

import statistics
import sys
import time

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

FILLS = {"Complete": "D9EAD3", "Not applicable": "EEEEEE", "Info": "DDEBF7",
         "Warning": "FFF2CC", "Missing": "FCE4D6", "Error": "F4CCCC"}


def write(rows, out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Checklist"
    side = Side(style="thin", color="808080")
    border = Border(left=side, right=side, top=side, bottom=side)
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = {k: PatternFill("solid", fgColor=v) for k, v in FILLS.items()}
    bold = Font(bold=True)
    head = PatternFill("solid", fgColor="D9D9D9")
    for r, values in enumerate(rows, 1):
        for c, v in enumerate(values, 1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.data_type = "s"
            cell.number_format = "@"
            cell.alignment = wrap
            cell.border = border
            if r == 1:
                cell.font = bold
                cell.fill = head
            elif c == 5 and v in fills:
                cell.fill = fills[v]
    n = len(rows)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = "A1:L%d" % n
    dv = DataValidation(type="list", formula1='"Accepted,Query,Rejected"')
    dv.add("J2:J%d" % n)
    ws.add_data_validation(dv)
    for i, col in enumerate("ABCDEFGHIJKL"):
        width = max(len(str(row[i] or "")) for row in rows[:200])
        ws.column_dimensions[col].width = min(max(width + 2, 10), 60)
    wb.save(out)


def main():
    src, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    wb = openpyxl.load_workbook(src, read_only=True)
    rows = [tuple("" if v is None else str(v) for v in row)
            for row in wb["Checklist"].iter_rows(values_only=True)]
    wb.close()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        write(rows, out)
        times.append(time.perf_counter() - t)
    print(len(rows) - 1, "%.3f" % statistics.median(times))


if __name__ == "__main__":
    main()

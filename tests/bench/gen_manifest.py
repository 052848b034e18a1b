#!/usr/bin/env python3
"""Write a manifest CSV for the benchmarks: ROWS rows of patient_id, site,
date; ids drawn from [START, START + ROWS), so two files overlap by the
ranges they share.  Deterministic: the same arguments give the same bytes."""
import sys

def main():
    out, rows, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(out, "w", newline="") as f:
        f.write("patient_id,site,date\n")
        for i in range(rows):
            n = start + (i * 7919) % rows
            f.write("P%07d,S%d,2019%02d%02d\n" % (n, n % 9, n % 12 + 1, n % 28 + 1))

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The peer for the overlap benchmark: Python's csv and set doing what
dossier does for two manifests (rows, distinct keys, shared keys)."""
import csv
import sys

def keys(path, col):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        i = next(r).index(col)
        rows = 0
        s = set()
        for row in r:
            rows += 1
            s.add(row[i])
    return rows, s

def main():
    ra, a = keys(sys.argv[1], sys.argv[3])
    rb, b = keys(sys.argv[2], sys.argv[3])
    print(ra, len(a), rb, len(b), len(a & b))

if __name__ == "__main__":
    main()

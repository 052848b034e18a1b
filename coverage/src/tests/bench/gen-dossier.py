#!/usr/bin/env python3
"""Write a large dossier for the benchmarks: the demo dossier with N
datasets (TR-008), each a record of about ten answers, so the checklist
has about 10 * N + 120 rows.  Standard library only.

usage: gen-dossier.py DEMO.yaml N > big.yaml
"""

import sys

ROLES = ("training", "validation", "test")


def record(i):
    role = ROLES[i % 3]
    lines = [
        "      - name: DS-%05d" % i,
        "        role: %s" % role,
        "        source: Site %d, consecutive adult frontal chest X-rays "
        "from %d scanner models." % (i % 40, 1 + i % 7),
        "        size: %d" % (1000 + i * 13),
        "        size_unit: images",
        "        attribution: Data-sharing agreement DSA-%04d." % i,
        "        collection_period: 20%02d-01 to 20%02d-12" % (
            10 + i % 10, 11 + i % 10),
        "        cleaning: Lateral views and unreadable images removed; "
        "headers de-identified.",
        "        ground_truth: Two radiologists per image; a third "
        "settled disagreements.",
    ]
    if role != "training":
        lines.append("        overlaps_training: no")
    return lines


def main():
    demo, n = sys.argv[1], int(sys.argv[2])
    out = []
    with open(demo, encoding="utf-8") as fp:
        skipping = False
        for line in fp:
            line = line.rstrip("\n")
            if line == "      datasets:":
                out.append(line)
                for i in range(n):
                    out.extend(record(i))
                skipping = True
                continue
            # dossier writes a list at its key's indentation.
            if skipping and (line.startswith("        ") or
                             line.startswith("      - ")):
                continue
            skipping = False
            out.append(line)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

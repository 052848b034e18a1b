"""Write a large dossier: complete.yaml with thousands of dataset records.

usage: gen_large.py EXAMPLES_DIR OUT [RECORDS]
Each record carries realistic free text, so 5,000 records make about 5 MB.
"""
import os
import sys

import yaml

examples, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
doc = yaml.safe_load(open(os.path.join(examples, "complete.yaml")))
recs = doc["answers"]["tr-008"]["datasets"]["datasets"]
base = recs[:]
roles = ["training", "validation", "test"]
filler = ("Chest radiographs from site %d, de-identified at source; "
          "images with burnt-in text were excluded, duplicates removed by "
          "perceptual hash, and labels adjudicated by two radiologists with "
          "a third on disagreement. ") * 3
for i in range(n - len(base)):
    r = dict(base[i % len(base)])
    r["name"] = "Site %05d cohort" % i
    r["role"] = roles[i % 3]
    r["size"] = 1000 + i
    r["source"] = "Hospital %d, Hong Kong, PACS export" % (i % 40)
    r["cleaning"] = filler % ((i,) * 3)
    if r["role"] != "training":
        r["overlaps_training"] = False
        r.pop("overlap_justification", None)
    recs.append(r)
with open(out, "w", encoding="utf-8") as f:
    yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=1 << 20)
print("%s: %d records, %.1f MB" % (out, len(recs),
                                   os.path.getsize(out) / 1048576.0))

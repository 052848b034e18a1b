"""Benchmark dossier check against PyYAML's C loader, in one run.

usage: bench.py DOSSIER_BINARY REVALIDATE_BINARY TEMPLATE_DIR EXAMPLES_DIR
Prints: file size; check time vs CSafeLoader parse time (best of 5 each);
re-validation time after one edit; peak memory of check against the bar
of 4x the file size plus 10 MB.
"""
import os
import resource
import subprocess
import sys
import tempfile
import time

import yaml

dossier, revalidate, templates, examples = sys.argv[1:5]
here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="dossier-bench.")
big = os.path.join(work, "large.yaml")
subprocess.run([sys.executable, os.path.join(here, "gen_large.py"), examples,
                big, "5000"], check=True)
os.symlink(os.path.join(examples, "evidence"), os.path.join(work, "evidence"))
size = os.path.getsize(big)


def best_of(n, fn):
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run_check():
    r = subprocess.run([dossier, "--template-dir", templates, "check", big],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode not in (0, 1):
        sys.exit("check failed with %d" % r.returncode)


def run_pyyaml():
    with open(big, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)


# Peak memory of check alone: measured in a fresh child, so the
# generator's own Python process does not count.
peak_kb = int(subprocess.run(
    [sys.executable, "-c",
     "import resource, subprocess, sys\n"
     "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
     "stderr=subprocess.DEVNULL)\n"
     "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
     dossier, "--template-dir", templates, "check", big],
    capture_output=True, text=True, check=True).stdout)
t_check = best_of(5, run_check)
t_py = best_of(5, run_pyyaml)
bar_kb = 4 * size / 1024 + 10 * 1024
print("file: %.1f MB, 5000 dataset records" % (size / 1048576.0))
print("dossier check:          %7.1f ms" % (t_check * 1e3))
print("PyYAML CSafeLoader:     %7.1f ms (parse only)" % (t_py * 1e3))
print("ratio check/PyYAML:     %7.2f  (target <= 0.50) %s" %
      (t_check / t_py, "ok" if t_check <= 0.5 * t_py else "MISSED"))
print("peak memory of check:   %7.1f MB (bar %.1f MB) %s" %
      (peak_kb / 1024.0, bar_kb / 1024.0,
       "ok" if peak_kb <= bar_kb else "MISSED"))
sys.stdout.flush()
subprocess.run([revalidate, templates, big, "200"], check=True)

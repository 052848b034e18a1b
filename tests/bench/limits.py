"""Check at the documented limits (issue 12): the bar is under 10 s and
under 1 GiB for any dossier up to the limits in dossier(1) LIMITS.

usage: limits.py DOSSIER TEMPLATE_DIR
Writes dossiers whose every record is empty, so each of them yields a
finding per required question (about ten): the most findings a legal
file can produce.
  records-300k  300,000 records, 3.3 MB (the issue's case)
  values-1M     999,000 records: the 1,000,000-value limit, 11 MB
Each is checked as text and as JSON; prints seconds (wall and CPU), peak
RSS and the number of findings.  Standard library only; not part of
make check (`make bench-limits`).
"""
import os
import subprocess
import sys
import tempfile
import time

prog, tdir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
work = tempfile.mkdtemp(prefix="dossier-limits.")
BAR_SECS, BAR_MB = 10.0, 1024.0


def empty_records(name, n):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("format: 1\ntemplates:\n- tr-008:2026\nanswers:\n"
                "  tr-008:\n    applicability:\n      uses_ai: yes\n"
                "    datasets:\n      datasets:\n")
        f.write("      - {}\n" * n)
    return path


def measure(args):
    """GNU time measures the child alone: wall, CPU and peak RSS.  The
    output (gigabytes of JSON at the value limit) is counted as it comes,
    not held."""
    env = dict(os.environ, DOSSIER_TEMPLATE_PATH=tdir)
    t = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(["/usr/bin/time", "-f", "@@%M %U %S", prog] +
                             args, env=env, stdout=subprocess.PIPE,
                             stderr=err)
        lines = 0
        for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
            lines += chunk.count(b"\n")
        p.wait()
        wall = time.perf_counter() - t
        err.seek(0)
        text = err.read().decode()
    kb, user, sys_ = text.rsplit("@@", 1)[1].split()[:3]
    return wall, float(user) + float(sys_), int(kb) / 1024.0, \
        p.returncode, lines


print("%-13s %-5s %9s %9s %9s %10s %s" % ("case", "form", "wall s",
                                          "cpu s", "peak MB", "out lines",
                                          "verdict"))
for name, n in (("records-300k", 300000), ("values-1M", 999000)):
    path = empty_records(name + ".yaml", n)
    for form, extra in (("text", []), ("json", ["--format", "json"])):
        wall, cpu, mb, rc, lines = measure(["check"] + extra + [path])
        ok = cpu < BAR_SECS and mb < BAR_MB and rc == 1
        print("%-13s %-5s %9.2f %9.2f %9.1f %10d %s (exit %d)" % (
            name, form, wall, cpu, mb, lines, "ok" if ok else "OVER BAR",
            rc))
        sys.stdout.flush()

"""Planted bugs that the test suite must catch (make mutants).

Each tests/mutants/*.mut file is one small, realistic bug:

    # What the bug is and which promise it breaks (free text).
    file: core/store.c
    tests: tests/unit/test_store tests/e2e/faults.sh
    env: NAME=value ...   (optional: the environment of its tests)
    <<<<
    the original lines, exactly as in the source
    ====
    the same lines with the bug
    >>>>

The original is found by its text, not by line numbers, and leading
whitespace is ignored when matching, so the mutant survives code moving
around it.  It must occur exactly once in the named file; if the file is
gone or the text is no longer there, the other sources (core/, tui/,
templates/) are searched, and a unique match elsewhere is used with a
note to update "file:".  Anything else (no match, several) is an error:
the mutant no longer applies and must be updated, never silently skipped.

    mutants.py check SRCDIR          every mutant applies (make check)
    mutants.py run SRCDIR BUILDDIR   make mutants: plant each in a scratch
                                     copy, build, run its tests; fail
                                     listing every survivor
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

SEARCH = ("core", "tui", "templates")
SOURCES = (".c", ".h", ".yaml")


class Mutant:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)[:-4]
        self.file = None
        self.tests = []
        self.env = []
        self.why = []
        old, new, where = [], [], None
        with open(path, encoding="utf-8") as f:
            for line in f.read().split("\n"):
                if where is None:
                    if line.startswith("#"):
                        self.why.append(line[1:].strip())
                    elif line.startswith("file:"):
                        self.file = line[5:].strip()
                    elif line.startswith("tests:"):
                        self.tests = line[6:].split()
                    elif line.startswith("env:"):
                        self.env = line[4:].split()
                    elif line == "<<<<":
                        where = old
                    elif line.strip():
                        raise SystemExit("%s: unexpected line: %s"
                                         % (path, line))
                elif line == "====" and where is old:
                    where = new
                elif line == ">>>>" and where is new:
                    where = "done"
                elif where in (old, new):
                    where.append(line)
        if where != "done" or not old or not self.file or not self.tests:
            raise SystemExit("%s: needs file:, tests: and a <<<< ==== >>>> "
                             "block" % path)
        if old == new:
            raise SystemExit("%s: the bug changes nothing" % path)
        self.old, self.new = old, new


def find(lines, pattern):
    """Start indexes where pattern matches, leading whitespace ignored."""
    want = [p.strip() for p in pattern]
    got = [l.strip() for l in lines]
    n = len(want)
    return [i for i in range(len(got) - n + 1) if got[i:i + n] == want]


def locate(m, src):
    """(relative file, lines, start) for mutant m in tree src, or an error
    message; also a note when the code moved to another file."""
    def hits(rel):
        p = os.path.join(src, rel)
        if not os.path.isfile(p):
            return None, []
        with open(p, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        return lines, find(lines, m.old)

    lines, at = hits(m.file)
    if len(at) == 1:
        return m.file, lines, at[0], None
    if len(at) > 1:
        return None, None, None, ("the original occurs %d times in %s; "
                                  "give more lines" % (len(at), m.file))
    found = []
    for d in SEARCH:
        for p in sorted(glob.glob(os.path.join(src, d, "**", "*"),
                                  recursive=True)):
            rel = os.path.relpath(p, src)
            if (rel == m.file or not os.path.isfile(p) or
                    not p.endswith(SOURCES)):
                continue
            ls, at = hits(rel)
            found += [(rel, ls, i) for i in at]
    if len(found) == 1:
        rel, ls, i = found[0]
        return rel, ls, i, "moved: found in %s, not %s; update file:" % (
            rel, m.file)
    if not found:
        return None, None, None, ("the original is no longer in %s (nor "
                                  "anywhere in %s): update the mutant"
                                  % (m.file, ", ".join(SEARCH)))
    return None, None, None, ("the original is gone from %s and occurs "
                              "%d times elsewhere" % (m.file, len(found)))


def mutate(m, lines, at):
    """lines with the bug planted, indented like the code it replaces."""
    def indent(s):
        return s[:len(s) - len(s.lstrip())]
    shift_from, shift_to = indent(m.old[0]), indent(lines[at])
    new = []
    for l in m.new:
        if l.startswith(shift_from):
            l = shift_to + l[len(shift_from):]
        new.append(l)
    return lines[:at] + new + lines[at + len(m.old):]


def load(srcdir):
    paths = sorted(glob.glob(os.path.join(srcdir, "tests", "mutants",
                                          "*.mut")))
    return [Mutant(p) for p in paths]


def check(srcdir):
    """Every mutant applies to srcdir exactly once: 0, else 1."""
    bad = 0
    mutants = load(srcdir)
    for m in mutants:
        rel, _, _, note = locate(m, srcdir)
        if rel is None:
            print("FAIL: mutant %s: %s" % (m.name, note))
            bad += 1
        elif note:
            print("NOTE: mutant %s: %s" % (m.name, note))
        for t in m.tests:
            base = os.path.join(srcdir, t)
            if not (os.path.exists(base) or os.path.exists(base + ".c")):
                print("FAIL: mutant %s: no test %s" % (m.name, t))
                bad += 1
    if len(mutants) < 25:
        print("FAIL: only %d mutants (at least 25 expected)" % len(mutants))
        bad += 1
    print("%d mutants, %d do not apply" % (len(mutants), bad))
    return 1 if bad else 0


def sh(cmd, cwd, log, timeout=None):
    with open(log, "a") as f:
        f.write("$ %s\n" % cmd)
        f.flush()
        try:
            return subprocess.run(cmd, shell=True, cwd=cwd, stdout=f,
                                  stderr=subprocess.STDOUT,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            f.write("timed out after %s s\n" % timeout)
            return 124


def run(srcdir, builddir, only):
    mutants = load(srcdir)
    if only:
        mutants = [m for m in mutants if m.name in only]
    jobs = os.environ.get("MUTANT_JOBS", "2")
    scratch = tempfile.mkdtemp(prefix="dossier-mutants.")
    src, build = os.path.join(scratch, "src"), os.path.join(scratch, "build")
    log = os.path.join(builddir, "tests", "mutants.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    open(log, "w").close()
    print("make mutants: %d mutants; scratch copy in %s; log in %s"
          % (len(mutants), scratch, log))
    t0 = time.time()
    # The scratch copy is the distribution's file list: what a release
    # builds from.  No -Werror: a bug that only warns must still be run.
    # Relative: the po/ subfolder's distdir rule prefixes "../" to it.
    rel = os.path.relpath(src, builddir)
    if sh("make distdir distdir=%s top_distdir=%s" % (rel, rel),
          builddir, log) != 0:
        raise SystemExit("make mutants: make distdir failed; see " + log)
    os.makedirs(build)
    if (sh("%s/configure --enable-tests -q" % src, build, log) != 0 or
            sh("make -j%s" % jobs, build, log) != 0 or
            sh("make -j%s check TESTS=" % jobs, build, log) != 0):
        raise SystemExit("make mutants: the unmutated copy does not build; "
                         "see " + log)
    every = sorted({t for m in mutants for t in m.tests})
    if sh("make -j%s check TESTS='%s'" % (jobs, " ".join(every)), build,
          log, 1800) != 0:
        raise SystemExit("make mutants: the chosen tests fail without any "
                         "mutant; see " + log)
    print("  baseline: %d tests pass unmutated (%.0f s)"
          % (len(every), time.time() - t0))
    survived, broken = [], []
    for m in mutants:
        t1 = time.time()
        rel, lines, at, note = locate(m, src)
        if rel is None:
            broken.append("%s: %s" % (m.name, note))
            print("  %-34s DOES NOT APPLY: %s" % (m.name, note))
            continue
        path = os.path.join(src, rel)
        with open(path, encoding="utf-8") as f:
            orig = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(mutate(m, lines, at)))
        with open(log, "a") as f:
            f.write("\n==== mutant %s (%s) ====\n" % (m.name, rel))
        try:
            if (sh("make -j%s" % jobs, build, log) != 0 or
                    sh("make -j%s check TESTS=" % jobs, build, log) != 0):
                broken.append("%s: does not build" % m.name)
                verdict = "DOES NOT BUILD"
            else:
                rc = sh("env %s make -j%s check TESTS='%s'" % (
                    " ".join("'%s'" % e for e in m.env), jobs,
                    " ".join(m.tests)), build, log, 900)
                if rc == 0:
                    survived.append(m)
                    verdict = "SURVIVED"
                else:
                    verdict = "caught"
                    # Which check caught it, for whoever reads the log.
                    suite = os.path.join(build, "test-suite.log")
                    if os.path.exists(suite):
                        with open(suite) as f, open(log, "a") as g:
                            g.write(f.read())
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig)
        print("  %-34s %s (%.0f s)%s" % (m.name, verdict, time.time() - t1,
                                         "; " + note if note else ""))
        sys.stdout.flush()
    print("make mutants: %d mutants, %d caught, %d survived, %d broken, "
          "%.0f s" % (len(mutants), len(mutants) - len(survived) -
                      len(broken), len(survived), len(broken),
                      time.time() - t0))
    for m in survived:
        print("SURVIVED: %s (%s; tests: %s): %s"
              % (m.name, m.file, " ".join(m.tests), " ".join(m.why)))
    for b in broken:
        print("BROKEN: %s" % b)
    if survived or broken:
        print("scratch copy kept in %s" % scratch)
        return 1
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        return check(sys.argv[2])
    if len(sys.argv) >= 4 and sys.argv[1] == "run":
        return run(sys.argv[2], sys.argv[3], sys.argv[4:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())

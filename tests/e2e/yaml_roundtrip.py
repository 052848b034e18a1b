"""The canonical YAML writer against a second reader (issue 12, point 5).

Generates a corpus of strings that YAML 1.1 or 1.2 readers would type if
written plain (null spellings, booleans of 1.1, infinities and NaN in
every spelling, octal, hexadecimal, binary and sexagesimal numbers,
timestamps, the merge key "<<", the value key "="), puts each one quoted
into a dossier as an answer in a repeated record, as a device value and
as a device key, exports the canonical YAML with dossier, loads it with
PyYAML and checks that every one comes back as the same string.  Plain
nulls (unanswered questions) must come back as None, and a second export
of the first export must be byte-identical.

Usage: yaml_roundtrip.py DOSSIER TEMPLATE_DIR WORKDIR
"""
import itertools
import json
import os
import subprocess
import sys

import yaml


def cases(word):
    return {word, word.lower(), word.upper(), word.capitalize()}


def corpus():
    out = set()
    for w in ("y", "yes", "n", "no", "true", "false", "on", "off", "null"):
        out |= cases(w)
    out |= {"~", "", "=", "<<", "<<<", "==", "-", "?", ":"}
    for sign, word in itertools.product(("", "+", "-"),
                                        ("inf", "nan", "infinity")):
        for w in cases(word):
            out.add(sign + "." + w)
            out.add(sign + w)
    out |= {
        # integers of 1.1 and 1.2: octal, hexadecimal, binary, underscores
        "0", "-0", "+0", "017", "0o17", "+0o17", "0x1F", "-0x1f", "0b101",
        "+0b1_0", "1_000", "+12", "-12", "012345", "0999", "00",
        # sexagesimal (1.1): integers and floats
        "190:20:30", "1:30", "-1:30", "+1:30:00", "1:30.5", "59:59",
        # floats
        "1.5", ".5", "+.5", "-.5", "1.", "1e3", "1E3", "1e+3", "1.5e-3",
        "6.8523015e+5", "685.230_15e+03", "1_0.0_1",
        # timestamps
        "2002-12-14", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.1Z",
        "2001-12-15 2:59:43.10",
        # indicators and other characters a plain scalar cannot start with
        "- item", "? x", "a: b", "#c", "a #b", "@x", "`x", "!tag", "!!str",
        "&a", "*a", "|", ">", "%x", "'q", '"q', "[a]", "{a}", ",", "---",
        "...", " lead", "trail ", "\ttab", "a\tb", "x\\y",
        # numbers with words around them, which stay strings anyway
        "1 apple", "v1.0", "1.0.0", "1.2.3-rc1",
    }
    return sorted(out)


def q(s):
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(s, ensure_ascii=False)


def main():
    prog, tpl, work = sys.argv[1:4]
    strings = corpus()
    lines = [
        "format: 1",
        "templates: [acme-qa:1]",
        "device:",
        "  name: Widget",
        "  unanswered: null",
        "  tilde: ~",
    ]
    for i, s in enumerate(strings):
        lines.append("  k%d: %s" % (i, q(s)))
        lines.append("  %s: %s" % (q("key " + s) if s == "" else q(s),
                                   q("key %d" % i)))
    lines += [
        "answers:",
        "  acme-qa:",
        "    product:",
        "      name: null",
        "      kind: software",
        "      tested_version: ~",
        "      why_different: NULL",
        "    data:",
        "      uses_data: yes",
        "      sets:",
        "        - role: train",
        "          source: Null",
    ]
    for s in strings:
        lines.append("        - role: test")
        lines.append("          source: %s" % q(s))
    src = os.path.join(work, "awkward.yaml")
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    out1 = os.path.join(work, "out1.yaml")
    out2 = os.path.join(work, "out2.yaml")
    for a, b in ((src, out1), (out1, out2)):
        r = subprocess.run([prog, "export", "--template-dir", tpl, a,
                            "--yaml", b], capture_output=True, text=True,
                           timeout=20)
        if r.returncode != 0:
            print("export %s failed (%d): %s" % (a, r.returncode, r.stderr))
            return 1

    fails = 0
    try:
        with open(out1, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except yaml.YAMLError as e:
        print("PyYAML cannot load the export: %s" % e)
        return 1
    dev = doc["device"]
    for i, s in enumerate(strings):
        got = dev.get("k%d" % i)
        if got != s:
            print("device value %r came back as %r" % (s, got))
            fails += 1
        key = "key " + s if s == "" else s
        if dev.get(key) != "key %d" % i:
            print("device key %r lost (keys typed: %r)" %
                  (key, [k for k in dev if not isinstance(k, str)][:5]))
            fails += 1
    sets = doc["answers"]["acme-qa"]["data"]["sets"]
    for s, rec in zip(strings, sets[1:]):
        if rec.get("source") != s:
            print("answer %r came back as %r" % (s, rec.get("source")))
            fails += 1
    prod = doc["answers"]["acme-qa"]["product"]
    for where, val in (("product.name", prod.get("name", "missing")),
                       ("product.tested_version",
                        prod.get("tested_version", "missing")),
                       ("product.why_different",
                        prod.get("why_different", "missing")),
                       ("sets[0].source", sets[0].get("source", "missing")),
                       ("device.unanswered", dev.get("unanswered", "x")),
                       ("device.tilde", dev.get("tilde", "x"))):
        if val is not None:
            print("null at %s came back as %r" % (where, val))
            fails += 1
    with open(out1, "rb") as f1, open(out2, "rb") as f2:
        if f1.read() != f2.read():
            print("second export differs from the first")
            fails += 1
    print("%d strings, %d failures" % (len(strings), fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

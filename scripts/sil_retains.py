#!/usr/bin/env python3
"""Count the reference-count operations the optimizer leaves in each function
of one target, from its optimized SIL.

A retain/release pair of a shared String costs about 9 ns on the benchmark
machine, but only some 30 instructions, so instruction counts hide it
(docs/performance.md, "Reference counts"). This prints, for every function
whose name matches PATTERN, the number of retain_value/strong_retain and
release_value/strong_release instructions in its optimized SIL: a static
count, made in seconds, to check that a change removes the retains it means
to (the dynamic counts come from callgrind).

    swift build -c release --static-swift-stdlib     # the modules it imports
    python3 scripts/sil_retains.py ReclaimEngine 'PodOrder|SnapshotIndex'
    python3 scripts/sil_retains.py ReclaimEngine PodOrder.init --show

--show prints each matching function's retains with the SIL lines before
them (what is loaded, and the call it is kept alive across).
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RETAIN = re.compile(r"\b(retain_value|strong_retain|copy_value)\b")
RELEASE = re.compile(r"\b(release_value|strong_release|destroy_value)\b")


def emit_sil(target, out):
    sources = sorted(glob.glob(os.path.join(ROOT, "Sources", target, "*.swift")))
    if not sources:
        sys.exit("no sources for target %s" % target)
    modules = os.path.join(ROOT, ".build", "release", "Modules")
    if not os.path.isdir(modules):
        sys.exit("%s not found: build with `swift build -c release --static-swift-stdlib` first" % modules)
    cmd = ["swiftc", "-emit-sil", "-O", "-wmo", "-module-name", target, "-package-name", "main",
           "-swift-version", "6", "-I", modules, "-o", out] + sources
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stderr)


def functions(path):
    """(demangled name, body lines) of every SIL function."""
    name, body, last_comment = None, [], None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if name is None:
                if line.startswith("// ") and not line.startswith(("//   ", "// Isolation:")):
                    last_comment = line[3:]
                elif line.startswith("sil ") and line.endswith("{"):
                    name, body = last_comment or line, []
            elif line.startswith("} // end sil function"):
                yield name, body
                name = None
            else:
                body.append(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", help="a target under Sources/, e.g. ReclaimEngine")
    parser.add_argument("pattern", help="a regular expression over demangled function names")
    parser.add_argument("--show", action="store_true", help="print each retain with its context")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sil = os.path.join(tmp, "module.sil")
        emit_sil(args.target, sil)
        for name, body in functions(sil):
            if not re.search(args.pattern, name):
                continue
            retains = [i for i, l in enumerate(body) if RETAIN.search(l)]
            releases = sum(1 for l in body if RELEASE.search(l))
            print("%4d retains %4d releases  %s" % (len(retains), releases, name))
            if args.show:
                for i in retains:
                    print("\n".join("      " + l for l in body[max(0, i - 6):i + 1]))
                    print()


if __name__ == "__main__":
    main()

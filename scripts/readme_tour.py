#!/usr/bin/env python3
"""Keep the README's tour true: run every command of its ```console blocks, in the order shown,
in one shell session, and compare (--check) or replace (--write) the output printed under each.

The commands run in a temporary directory holding a copy of the repository's examples/ (the
repository itself is never written), with the binary given by CCC_EXEMPT_BIN (else
target/debug/ccc-exempt) first on the PATH, no colour, no locale, tables at 120 columns, the clock pinned at START_NOW
until the tour sets it itself, and stdout and stderr together as on a terminal. The temporary
directory is shown as `/…`. An output written as `…` followed by lines stands for the last lines
of what the command prints.

    python3 scripts/readme_tour.py --check     # exit 1 and a diff when the README is stale
    python3 scripts/readme_tour.py --write     # rewrite the outputs in README.md
"""

import difflib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START_NOW = "2026-11-27T09:00:00+08:00"
MARK = "\x1eCCC-TOUR-STEP"


def blocks(lines):
    """In document order, every ```console block as ("console", start, end) of its body, and
    every hidden step `<!-- tour: … -->` (what the reader does by hand, e.g. an edit the text
    describes) as ("hidden", start, end) of its script lines."""
    out, start, kind = [], None, None
    for i, line in enumerate(lines):
        if start is None and line.strip() == "```console":
            start, kind = i + 1, "console"
        elif start is None and line.startswith("<!-- tour:"):
            start, kind = i + 1, "hidden"
        elif kind == "console" and line.strip() == "```":
            out.append((kind, start, i))
            start = kind = None
        elif kind == "hidden" and line.strip() == "-->":
            out.append((kind, start, i))
            start = kind = None
    return out


def steps(lines, start, end):
    """The commands of a block: (command text, first output line, end of its output)."""
    out = []
    i = start
    while i < end:
        if not lines[i].startswith("$ "):
            i += 1
            continue
        cmd = [lines[i][2:]]
        j = i + 1
        while cmd[-1].rstrip().endswith("\\") and j < end:
            cmd.append(lines[j])
            j += 1
        k = j
        while k < end and not lines[k].startswith("$ "):
            k += 1
        out.append(("\n".join(cmd), j, k))
        i = k
    return out


def run_tour(all_steps):
    binary = pathlib.Path(os.environ.get("CCC_EXEMPT_BIN", ROOT / "target" / "debug" / "ccc-exempt"))
    if not binary.is_file():
        sys.exit(f"no binary at {binary}: build it first (cargo build) or set CCC_EXEMPT_BIN")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        bindir = tmp / ".bin"
        bindir.mkdir()
        (bindir / "ccc-exempt").symlink_to(binary.resolve())
        shutil.copytree(
            ROOT / "examples",
            tmp / "examples",
            ignore=shutil.ignore_patterns(".ccc-exempt", "*.rs"),
        )
        script = ["set +e"]
        for n, (cmd, _, _) in enumerate(all_steps):
            script.append(f"printf '\\n{MARK} {n}\\n'")
            script.append(cmd)
        env = {
            "PATH": f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(tmp),
            "NO_COLOR": "1",
            "CCC_EXEMPT_NOW": START_NOW,
            "TZ": "UTC",
            "COLUMNS": "120",
        }
        out = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c", "\n".join(script) + "\n"],
            cwd=tmp,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=600,
        ).stdout.decode("utf-8", "replace")
        for form in {str(tmp), os.path.realpath(tmp)}:
            out = out.replace(form, "/…")
    outputs = {}
    parts = out.split(f"\n{MARK} ")
    for part in parts[1:]:
        num, _, text = part.partition("\n")
        outputs[int(num)] = text.rstrip("\n").split("\n") if text.strip() else []
    return [outputs.get(n, []) for n in range(len(all_steps))]


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "--check"
    if mode not in ("--check", "--write"):
        sys.exit(__doc__)
    lines = README.read_text(encoding="utf-8").split("\n")
    all_steps = []
    for kind, a, b in blocks(lines):
        if kind == "console":
            all_steps.extend(steps(lines, a, b))
        else:
            all_steps.append(("\n".join(lines[a:b]), None, None))
    results = run_tour(all_steps)
    new = list(lines)
    # Replace from the bottom up so that the indexes above stay valid.
    for (cmd, first, end), got in reversed(list(zip(all_steps, results))):
        if first is None:
            # A hidden step prints nothing when it works.
            if got:
                sys.exit("a hidden tour step failed:\n" + cmd + "\n" + "\n".join(got))
            continue
        shown = lines[first:end]
        if shown and shown[0] == "…":
            tail = len(shown) - 1
            got = ["…"] + (got[-tail:] if tail else [])
        new[first:end] = got
    if new == lines:
        print(f"README.md: the {len(all_steps)} tour commands print what it shows")
        return 0
    if mode == "--write":
        README.write_text("\n".join(new), encoding="utf-8")
        print(f"README.md: tour outputs rewritten ({len(all_steps)} commands)")
        return 0
    sys.stdout.writelines(
        difflib.unified_diff(
            [l + "\n" for l in lines],
            [l + "\n" for l in new],
            "README.md",
            "README.md (the tour run now)",
        )
    )
    print("README.md is stale: run python3 scripts/readme_tour.py --write and review the diff")
    return 1


if __name__ == "__main__":
    sys.exit(main())

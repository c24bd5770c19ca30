#!/usr/bin/env python3
"""The README's examples, run as written so they cannot rot.

Every ```sh block right after a line `<!-- example ... -->` is run, in the README's order, as
one bash script (set -e: every line must succeed) in an empty folder that is also HOME, with
the built `mlrun` first on PATH. Blocks that need the network, an MLRun API or files of the
reader's own are left unmarked. Standard library only.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def marked_blocks(readme):
    lines = open(readme, encoding="utf-8").read().splitlines()
    blocks = []
    for index, line in enumerate(lines):
        if not re.match(r"\s*<!-- example\b", line):
            continue
        if index + 1 >= len(lines) or lines[index + 1].strip() != "```sh":
            raise SystemExit(f"{readme}:{index + 1}: an example marker not followed by ```sh")
        end = index + 2
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        blocks.append((index + 3, lines[index + 2:end]))
    return blocks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlrun", required=True)
    parser.add_argument("--readme", required=True)
    args = parser.parse_args()
    blocks = marked_blocks(args.readme)
    if not blocks:
        raise SystemExit("no marked examples in " + args.readme)
    with tempfile.TemporaryDirectory(prefix="mlrun-readme-") as home:
        bin_dir = os.path.join(home, ".bin")
        os.mkdir(bin_dir)
        os.symlink(os.path.abspath(args.mlrun), os.path.join(bin_dir, "mlrun"))
        environment = {
            "HOME": home,
            "PATH": bin_dir + ":/usr/local/bin:/usr/bin:/bin",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        }
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                environment[name] = os.environ[name]
        script = ["set -euo pipefail"]
        for first_line, block in blocks:
            for offset, line in enumerate(block):
                if line.strip() and not line.lstrip().startswith("#"):
                    script.append(f"echo '+ README.md:{first_line + offset}: '{quote(line)}")
                    script.append(line)
        result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=home, env=environment,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                timeout=600)
        print(result.stdout)
        if result.returncode != 0:
            print(f"FAILED: exit {result.returncode} (the last '+' line above)")
            return 1
        print(f"{sum(len(b) for _, b in blocks)} lines of {len(blocks)} README examples ran")
        return 0


def quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


if __name__ == "__main__":
    sys.exit(main())

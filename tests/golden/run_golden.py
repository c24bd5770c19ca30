#!/usr/bin/env python3
"""Runs every recorded scenario of the real MLRun 1.7 CLI (../shared/golden/local-runs) with the
built `mlrun` and compares: the exit code, the run object printed by --dump (every key, with its
type and value as PyYAML reads it), and the files written in the working folder.

Values that vary between recordings (uids, times, the host) are pattern-matched as the golden
README says. Every difference that is deliberate is listed in `deliberate.py` with its reason;
any other difference fails. Standard library plus PyYAML (Debian's python3-yaml).

usage: run_golden.py --mlrun BIN --golden DIR [--scenario NAME...] [--verbose]
Exit 0: no unexplained difference (or the golden folder is absent: said, and skipped).
"""

import argparse
import datetime
import fnmatch
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deliberate import DELIBERATE, KNOWN  # noqa: E402
from recorded_env import recorded_environment  # noqa: E402

UID = re.compile(r"^[0-9a-f]{32}$")
GENERATED = re.compile(r"^mlrun-[0-9a-f]{6}-")  # --handler pkg.module.func (golden README)
UID_IN_TEXT = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?$")
VARYING_TIMES = {"start_time", "last_update", "end_time", "created", "updated"}
DUMP_START = re.compile(r"^(kind|metadata|spec|status):")
SKIP_TREE = ("*.pyc",)  # their bytes hold the source mtime (golden README)


def files_of(root):
    """relative path -> (size, sha1) for every regular file under root."""
    out = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                data = f.read()
            out[os.path.relpath(path, root)] = (len(data), hashlib.sha1(data).hexdigest())
    return out


def dump_of(stdout):
    lines = stdout.splitlines()
    for i, line in enumerate(lines):
        if DUMP_START.match(line):
            return "\n".join(lines[i:]) + "\n"
    return None


def kind_of(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if value is None:
        return "null"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "timestamp"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


def short(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def compare(golden, ours, path, diffs):
    """Appends (path, what) for each difference of `ours` from `golden`."""
    leaf = path.rsplit(".", 1)[-1].split("[")[0]
    if isinstance(golden, str) and (leaf in ("uid", "tree") or path.endswith("labels.host")):
        pattern = UID if leaf in ("uid", "tree") else re.compile(r".+")
        if not (isinstance(ours, str) and pattern.match(ours)):
            diffs.append((path, f"expected a value like {golden!r}, got {short(ours)}"))
        return
    if path == "metadata.name" and isinstance(golden, str) and GENERATED.match(golden):
        if not (isinstance(ours, str) and GENERATED.match(ours)):
            diffs.append((path, f"expected a generated name like {golden!r}, got {short(ours)}"))
        return
    if leaf in VARYING_TIMES and isinstance(golden, str) and TIME.match(golden):
        if not (isinstance(ours, str) and TIME.match(ours)):
            diffs.append((path, f"expected a timestamp string, got {kind_of(ours)} {short(ours)}"))
        return
    if kind_of(golden) != kind_of(ours):
        diffs.append((path, f"type: expected {kind_of(golden)} {short(golden)}, got "
                            f"{kind_of(ours)} {short(ours)}"))
        return
    if isinstance(golden, dict):
        for key in golden:
            child = f"{path}.{key}" if path else key
            if key not in ours:
                diffs.append((child, f"missing (expected {short(golden[key])})"))
            else:
                compare(golden[key], ours[key], child, diffs)
        for key in ours:
            if key not in golden:
                child = f"{path}.{key}" if path else key
                diffs.append((child, f"extra (got {short(ours[key])})"))
        return
    if isinstance(golden, list):
        if path.endswith("spec.outputs"):  # a set: its order follows Python's hash seed
            if sorted(map(repr, golden)) != sorted(map(repr, ours)):
                diffs.append((path, f"expected {short(golden)}, got {short(ours)}"))
            return
        if len(golden) != len(ours):
            diffs.append((path, f"length: expected {len(golden)}, got {len(ours)}"))
        for i, (g, o) in enumerate(zip(golden, ours)):
            compare(g, o, f"{path}[{i}]", diffs)
        return
    if isinstance(golden, str) and UID_IN_TEXT.sub("<uid>", golden) == UID_IN_TEXT.sub("<uid>", ours):
        return  # e.g. a producer URI "default/<run uid>"
    if isinstance(golden, str) and isinstance(ours, str) and "<tmpdir>" in golden and re.fullmatch(
            re.escape(golden).replace(re.escape("<tmpdir>"), r"/tmp/[^/]+"), ours):
        return  # <tmpdir>: a Python tempfile folder, which varies (golden README)
    if golden != ours:
        diffs.append((path, f"expected {short(golden)}, got {short(ours)}"))


def substitute(text, work, home):
    return text.replace("<work>", work).replace("<home>", home)


def run_scenario(mlrun, folder, name):
    """Returns the list of (where, what) differences."""
    diffs = []
    base = tempfile.mkdtemp(prefix="mlrun-golden-")
    try:
        work, home = os.path.join(base, "work"), os.path.join(base, "home")
        os.makedirs(home)
        if os.path.isdir(os.path.join(folder, "files")):
            shutil.copytree(os.path.join(folder, "files"), work)
        else:
            os.makedirs(work)
        before = files_of(work)
        with open(os.path.join(folder, "command")) as f:
            argv = shlex.split(f.read())
        env = recorded_environment(home)
        try:
            done = subprocess.run([mlrun] + argv, cwd=work, env=env, capture_output=True,
                                  text=True, timeout=300)
        except subprocess.TimeoutExpired:
            return [("run", "timed out after 300 s")]

        with open(os.path.join(folder, "exit_code")) as f:
            expected_exit = int(f.read().strip())
        if done.returncode != expected_exit:
            diffs.append(("exit_code", f"expected {expected_exit}, got {done.returncode}"))

        golden_dump = os.path.join(folder, "dump.yaml")
        if os.path.exists(golden_dump):
            with open(golden_dump) as f:
                golden = yaml.safe_load(substitute(f.read(), work, home))
            text = dump_of(done.stdout)
            if text is None:
                diffs.append(("dump", "no run object printed; stderr: " + done.stderr[-300:]))
            else:
                try:
                    ours = yaml.safe_load(text)
                except yaml.YAMLError as error:
                    diffs.append(("dump", f"not YAML: {error}"))
                else:
                    compare(golden, ours, "", diffs)

        # Files written or changed in the working folder (HOME holds this tool's store).
        after = files_of(work)
        written = {p: v for p, v in after.items() if before.get(p) != v}
        expected = {}
        with open(os.path.join(folder, "tree.txt")) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    expected[parts[0]] = (int(parts[1]), parts[2])
        for path, (size, sha1) in expected.items():
            skip = any(fnmatch.fnmatch(path, p) for p in SKIP_TREE)
            if path not in written:
                diffs.append((f"tree:{path}", "not written"))
            elif not skip and written[path][0] != size:
                diffs.append((f"tree:{path}", f"size: expected {size}, got {written[path][0]}"))
            elif not skip and written[path][1] != sha1 and not varying_content(folder, path):
                diffs.append((f"tree:{path}", "content differs" + content_hint(folder, work, path)))
        for path in written:
            if path not in expected:
                diffs.append((f"tree:{path}", "written, but MLRun writes no such file"))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return diffs


def varying_content(folder, path):
    """model_spec.yaml holds the run uid (golden README)."""
    return path.endswith("model_spec.yaml")


def content_hint(folder, work, path):
    copy = os.path.join(folder, "written", path)
    if not os.path.isfile(copy):
        return ""
    with open(copy, errors="replace") as f:
        expected = f.read()
    with open(os.path.join(work, path), errors="replace") as f:
        got = f.read()
    return f": expected {short(expected)}, got {short(got)}"


def explained(name, where, what):
    for scenarios, pattern, text, reason in DELIBERATE + [(a, b, c, "known, not matched yet: " + d)
                                                          for a, b, c, d in KNOWN]:
        if (fnmatch.fnmatchcase(name, scenarios) and fnmatch.fnmatchcase(where, pattern)
                and fnmatch.fnmatchcase(what, text)):
            return reason
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlrun", required=True)
    parser.add_argument("--golden", required=True)
    parser.add_argument("--scenario", action="append")
    parser.add_argument("--verbose", action="store_true", help="also list the deliberate ones")
    args = parser.parse_args()
    root = os.path.join(args.golden, "local-runs")
    if not os.path.isdir(root):
        print(f"golden recordings not found at {root}: skipped")
        return 0
    args.mlrun = os.path.abspath(args.mlrun)
    names = sorted(args.scenario or os.listdir(root))
    unexplained = 0
    for name in names:
        diffs = run_scenario(args.mlrun, os.path.join(root, name), name)
        bad = [(w, what) for w, what in diffs if explained(name, w, what) is None]
        unexplained += len(bad)
        known = sum(1 for w, what in diffs
                    if (explained(name, w, what) or "").startswith("known, not matched yet"))
        print(f"{'FAIL' if bad else 'ok  '} {name}: {len(bad)} unexplained, "
              f"{len(diffs) - len(bad) - known} deliberate, {known} known")
        for where, what in diffs:
            reason = explained(name, where, what)
            if reason is None:
                print(f"     {where}: {what}")
            elif args.verbose:
                print(f"     ({where}: {what} -- deliberate: {reason})")
    print(f"{len(names)} scenarios, {unexplained} unexplained differences")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())

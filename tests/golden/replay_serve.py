#!/usr/bin/env python3
"""Replays every recorded REST exchange of the real MLRun 1.7 API server (../shared/golden/rest)
against `mlrun serve`: a fresh server per transcript, each recorded request sent as recorded, in
order, and each answer compared with the real server's: the status, and the body's shape (its
keys and their types; values that vary, such as uids and times, aside). Identifiers the real
server made up (background task names, page tokens, artifact uids) are mapped to the ones this
server made up, so later requests name the right objects.

Differences made on purpose (upstream bugs, Kubernetes-only behaviour) or not matched yet are
listed in serve_deliberate.py; any other difference fails. Standard library only.

usage: replay_serve.py --mlrun BIN --golden DIR [--transcript NAME...] [--verbose]
"""

import argparse
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_deliberate import DELIBERATE, KNOWN  # noqa: E402
from shapes import compare_shape, shape  # noqa: E402

MADE_UP = re.compile(r"^([0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                     r"[0-9a-f]{12})$")
UID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def learn_ids(golden, ours, mapping):
    """Identifiers at the same place in both answers: the recorded one stands for ours."""
    if isinstance(golden, dict) and isinstance(ours, dict):
        for key in golden:
            if key in ours:
                learn_ids(golden[key], ours[key], mapping)
    elif isinstance(golden, list) and isinstance(ours, list):
        for g, o in zip(golden, ours):
            learn_ids(g, o, mapping)
    elif isinstance(golden, str) and isinstance(ours, str) and golden != ours:
        if MADE_UP.match(golden) and MADE_UP.match(ours):
            mapping[golden] = ours


def substitute(text, mapping):
    for recorded, ours in mapping.items():
        text = text.replace(recorded, ours)
    return text


def start_server(mlrun, folder, artifact_path):
    port_file = os.path.join(folder, "port")
    env = {"HOME": folder, "PATH": "/usr/bin:/bin", "MLRUN_IGNORE_ENV_FILE": "1"}
    for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    process = subprocess.Popen(
        [mlrun, "serve", "--port", "0", "--port-file", port_file, "--db",
         os.path.join(folder, "store.db"), "--artifact-path", artifact_path],
        env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not os.path.exists(port_file):
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            raise RuntimeError("mlrun serve did not start: " + process.stderr.read().decode())
        time.sleep(0.02)
    with open(port_file) as f:
        return process, "http://127.0.0.1:" + f.read().strip()


def send(url, request, mapping):
    path = substitute(request.get("raw_path") or urllib.parse.quote(request["path"]), mapping)
    query = []
    for name, values in (request.get("query") or {}).items():
        for value in values:
            query.append((name, substitute(value, mapping)))
    target = url + path + ("?" + urllib.parse.urlencode(query) if query else "")
    body = request.get("body")
    data = None
    if isinstance(body, (dict, list)):
        data = substitute(json.dumps(body), mapping).encode()
    elif isinstance(body, str):
        data = body.encode()
    headers = {k: v for k, v in (request.get("headers") or {}).items()
               if k.startswith("x-mlrun-") or k == "content-type"}
    req = urllib.request.Request(target, data=data, method=request["method"], headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode("utf-8", "replace")
    return status, parsed


def identity(item):
    """What names a listed object whatever the listing's order: MLRun's server gives artifacts
    no order (no ORDER BY) and runs of the same second in either order."""
    metadata = item.get("metadata") if isinstance(item, dict) else None
    if not isinstance(metadata, dict):
        return None
    return (item.get("kind"), metadata.get("key") or metadata.get("name"),
            metadata.get("iter", metadata.get("iteration")), metadata.get("tag"))


def aligned(golden, body):
    """`body` with the items of its listing in the recorded listing's order, matched by
    identity (unmatched items after them), so each recorded item is compared with its own."""
    if not (isinstance(golden, dict) and isinstance(body, dict)):
        return body
    out = dict(body)
    for name in ("artifacts", "runs"):
        ours, recorded = body.get(name), golden.get(name)
        if not (isinstance(ours, list) and isinstance(recorded, list)):
            continue
        left = list(ours)
        ordered = []
        for item in recorded:
            match = next((o for o in left if identity(o) == identity(item)), None)
            if match is not None:
                left.remove(match)
                ordered.append(match)
        out[name] = ordered + left
    return out


def replay(mlrun, path):
    with open(path) as f:
        exchanges = [json.loads(line) for line in f if line.strip()]
    folder = tempfile.mkdtemp(prefix="mlrun-serve-replay-")
    diffs = []
    process = None
    try:
        process, url = start_server(mlrun, folder, os.path.join(folder, "artifacts"))
        mapping = {}
        for number, exchange in enumerate(exchanges, 1):
            request, recorded = exchange["request"], exchange["response"]
            where = f"{number}: {request['method']} {UID.sub('<uid>', request['path'])}"
            status, body = send(url, request, mapping)
            if status != recorded["status"]:
                diffs.append((where, "status", f"expected {recorded['status']}, got {status}"))
                continue
            golden = recorded.get("body")
            if isinstance(golden, (dict, list)) or isinstance(body, (dict, list)):
                out = []
                compare_shape(shape(golden, True), shape(aligned(golden, body), True), "", out,
                              answers=True)
                for part, what in out:
                    diffs.append((where, part, what))
                learn_ids(golden, body, mapping)
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)
    return exchanges, diffs


def reason_for(name, where, part, what):
    for table, prefix in ((DELIBERATE, ""), (KNOWN, "known, not matched yet: ")):
        for transcript, where_glob, part_glob, what_glob, reason in table:
            if (fnmatch.fnmatchcase(name, transcript) and fnmatch.fnmatchcase(where, where_glob)
                    and fnmatch.fnmatchcase(part, part_glob) and fnmatch.fnmatchcase(what, what_glob)):
                return prefix + reason
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlrun", required=True)
    parser.add_argument("--golden", required=True)
    parser.add_argument("--transcript", action="append")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    folder = os.path.join(args.golden, "rest")
    if not os.path.isdir(folder):
        print(f"golden REST recordings not found at {folder}: skipped")
        return 0
    names = args.transcript or sorted(n[:-len(".jsonl")] for n in os.listdir(folder)
                                      if n.endswith(".jsonl"))
    unexplained = total = matched = 0
    for name in names:
        exchanges, diffs = replay(os.path.abspath(args.mlrun), os.path.join(folder, name + ".jsonl"))
        bad = [d for d in diffs if reason_for(name, *d) is None]
        unexplained += len(bad)
        differing = {d[0] for d in diffs}
        total += len(exchanges)
        matched += len(exchanges) - len(differing)
        print(f"{'FAIL' if bad else 'ok  '} {name}: {len(exchanges)} exchanges, "
              f"{len(exchanges) - len(differing)} answered as recorded, "
              f"{len(diffs) - len(bad)} listed differences, {len(bad)} unexplained")
        for where, part, what in diffs:
            reason = reason_for(name, where, part, what)
            if reason is None:
                print(f"     {where} {part}: {what}")
            elif args.verbose:
                print(f"     ({where} {part}: {what} -- {reason})")
    print(f"{matched} of {total} exchanges answered with the recorded status and body shape; "
          f"{unexplained} unexplained differences")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())

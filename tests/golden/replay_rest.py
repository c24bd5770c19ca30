#!/usr/bin/env python3
"""Replays the recorded REST exchanges of the real MLRun 1.7 CLI (../shared/golden/rest/cli-*)
and of its SDK (the steps sdk_steps.py gives a command of this tool) with the built `mlrun`: a
server on 127.0.0.1 answers each request with the response the real API server gave to the same
request of MLRun's client (status, headers, body, upstream quirks included), and every request
this tool sends is compared with the recorded one: method, path, query names and values, the
x-mlrun-* headers, body keys and types. A request MLRun's client did not send at that point is
answered with the same request recorded elsewhere, else (artifacts, runs) from the objects the
real server had answered with until then, else as the server answered it in another recording.
The command's exit code and output are checked against the step's expectation, and the files a
run wrote under the server's artifact path (from client-spec) against NAME.artifact-path-tree.txt.

Differences made on purpose, or not matched yet, are listed in rest_deliberate.py; any other
difference fails. Standard library only.

usage: replay_rest.py --mlrun BIN --golden DIR [--scenario NAME...] [--verbose]
"""

import argparse
import http.server
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import fnmatch
import hashlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recorded_env import recorded_environment  # noqa: E402
from rest_deliberate import DELIBERATE, KNOWN  # noqa: E402
from sdk_steps import SDK_STEPS  # noqa: E402
from shapes import compare_shape, shape  # noqa: E402

SCENARIOS = ["cli-local-run", "cli-local-run-no-project", "cli-failing-run", "cli-hyper-run",
             "cli-get-logs", "cli-project"] + sorted(SDK_STEPS)
UID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?")


def normal(text):
    return TIME.sub("<time>", UID.sub("<uid>", text))


POOL = []


PROJECT = re.compile(r"/projects/[^/]+")


def generic(path):
    return PROJECT.sub("/projects/<p>", normal(path))


def query_key(query):
    """A query as a comparable value: names with their values, empty values left out (the
    server reads `name=` as no name)."""
    return sorted((k, sorted(normal(v) for v in vs)) for k, vs in (query or {}).items()
                  if any(vs))


ARTIFACTS = re.compile(r"^/api/v2/projects/([^/]+)/artifacts(?:/([^/]+))?$")


def artifact_objects(exchanges, upto):
    """The artifact objects the real server answered with up to exchange `upto`, newest last,
    one per version and tag."""
    found = {}
    for exchange in exchanges[:upto + 1]:
        response = exchange["response"]
        body = response.get("body")
        if response["status"] >= 300 or not isinstance(body, dict):
            continue
        items = body.get("artifacts") if isinstance(body.get("artifacts"), list) else [body]
        for item in items:
            metadata = item.get("metadata") if isinstance(item, dict) else None
            if not isinstance(metadata, dict) or "key" not in metadata or "kind" not in item:
                continue
            identity = (metadata.get("key"), metadata.get("tree"), metadata.get("iter") or 0,
                        metadata.get("uid"), metadata.get("tag"))
            found.pop(identity, None)
            found[identity] = item
    return list(found.values())


def first(query, name):
    values = [v for v in query.get(name) or [] if v != ""]
    return values[0] if values else None


def artifact_answer(exchanges, upto, path, query):
    """A request for artifacts MLRun's client did not send at that point, answered from the
    objects the real server had answered with until then (filtered by the query as the server
    filters), or with its not-found answer."""
    match = ARTIFACTS.match(path)
    if not match:
        return None
    project, key = match.groups()
    objects = artifact_objects(exchanges, upto)

    def named(item):
        return key in (item["metadata"].get("key"), (item.get("spec") or {}).get("db_key"))

    tree, iteration = first(query, "tree"), first(query, "iter")
    if key is not None:
        uid, tag = first(query, "object-uid"), first(query, "tag") or "latest"
        chosen = [item for item in objects if named(item) and
                  (item["metadata"].get("uid") == uid if uid else
                   item["metadata"].get("tag") == tag) and
                  (tree is None or item["metadata"].get("tree") == tree) and
                  (item["metadata"].get("iter") or 0) == int(iteration or 0)]
        if not chosen:
            return 404, {"content-type": "application/json"}, {
                "detail": f"MLRunNotFoundError('Artifact {project}/{key}:{tag} not found')"}
        return 200, {"content-type": "application/json"}, chosen[-1]
    name, tag, kind = first(query, "name"), first(query, "tag"), first(query, "kind")
    labels = [v for v in query.get("label") or [] if v]
    out = []
    for item in objects:
        metadata = item["metadata"]
        if item.get("kind") == "link" or (tree and metadata.get("tree") != tree):
            continue
        if name and not (name[1:] in metadata.get("key", "") if name.startswith("~")
                         else metadata.get("key") == name):
            continue
        if tag and (metadata.get("tag") is None if tag == "*" else metadata.get("tag") != tag):
            continue
        if (kind and item.get("kind") != kind or
                iteration is not None and (metadata.get("iter") or 0) != int(iteration)):
            continue
        have = metadata.get("labels") or {}
        if any(have.get(label.partition("=")[0]) != label.partition("=")[2] if "=" in label
               else label not in have for label in labels):
            continue
        out.append(item)
    return 200, {"content-type": "application/json"}, {"artifacts": out}


RUN = re.compile(r"^/api/v1/projects/([^/]+)/runs/([^/]+)$")


def run_answer(exchanges, upto, path, query):
    """A run MLRun's client did not read at that point: the newest body of it the client stored
    or the server listed until then, or the server's not-found answer."""
    match = RUN.match(path)
    if not match:
        return None
    project, uid = match.groups()
    iteration = int(first(query, "iter") or 0)
    found = None
    for exchange in exchanges[:upto + 1]:
        request, response = exchange["request"], exchange["response"]
        bodies = []
        if (request["method"] == "POST" and RUN.match(request["path"]) and
                response["status"] < 300):
            bodies.append(request.get("body"))
        body = response.get("body") if response["status"] < 300 else None
        if isinstance(body, dict):
            bodies += body.get("runs") if isinstance(body.get("runs"), list) else [body.get("data")]
        for run in bodies:
            metadata = run.get("metadata") if isinstance(run, dict) else None
            if (isinstance(metadata, dict) and metadata.get("uid") == uid and
                    (metadata.get("iteration") or 0) == iteration):
                found = run
    if found is None:
        return 404, {"content-type": "application/json"}, {
            "detail": f"MLRunNotFoundError('Run uid {uid} of project {project} not found')"}
    return 200, {"content-type": "application/json"}, {"data": found}


class Replay:
    def __init__(self, exchanges, artifact_path, pool):
        self.exchanges = exchanges
        self.pool = pool  # every recorded exchange: answers for requests this scenario lacks
        self.artifact_path = artifact_path
        self.step = []  # indexes of the current step's exchanges
        self.used = set()
        self.seen = []  # (request, index or None)
        self.lock = threading.Lock()

    def same_request(self, method, path, query=None):
        """Indexes of the recorded exchanges of this request (the query too, when given)."""
        return [i for i, e in enumerate(self.exchanges)
                if e["request"]["method"] == method and
                normal(e["request"]["path"]) == normal(path) and
                (query is None or query_key(e["request"].get("query")) == query_key(query))]

    def nearest(self, indexes):
        """The last of `indexes` up to the current step (the server's state then), else the
        first after it."""
        end = max(self.step) if self.step else len(self.exchanges) - 1
        before = [i for i in indexes if i <= end]
        return before[-1] if before else (indexes[0] if indexes else None)

    def answer(self, method, path, query, headers, body):
        key = (method, normal(path))
        with self.lock:
            index = next((i for i in self.step if i not in self.used and
                          (self.exchanges[i]["request"]["method"],
                           normal(self.exchanges[i]["request"]["path"])) == key), None)
            derived = None
            if index is None:
                # Out of its step: the same request (query too) where MLRun's client sent it;
                # then, for artifacts, what the server's objects answer; then the same path.
                index = self.nearest(self.same_request(method, path, query))
                if index is None and method == "GET":
                    end = max(self.step) if self.step else len(self.exchanges) - 1
                    derived = (artifact_answer(self.exchanges, end, path, query) or
                               run_answer(self.exchanges, end, path, query))
                if index is None and derived is None:
                    index = self.nearest(self.same_request(method, path))
            else:
                self.used.add(index)
            self.seen.append(({"method": method, "path": path, "query": query,
                               "headers": headers, "body": body}, index))
        if derived is not None:
            return derived
        if index is None:
            # A request MLRun's client did not send here: what the real server answered to
            # the same request elsewhere in the recordings (any project).
            other = next((e for e in self.pool if e["request"]["method"] == method and
                          generic(e["request"]["path"]) == generic(path) and
                          e["response"]["status"] < 300), None)
            if other is None:
                return 404, {"content-type": "application/json"}, {"detail": "not recorded"}
            response = other["response"]
            return response["status"], response.get("headers") or {}, response.get("body")
        response = self.exchanges[index]["response"]
        return response["status"], response.get("headers") or {}, response.get("body")


def serve(replay):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def handle_any(self):
            from urllib.parse import urlsplit, parse_qs, unquote
            parts = urlsplit(self.path)
            query = parse_qs(parts.query, keep_blank_values=True)
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            headers = {k.lower(): v for k, v in self.headers.items()
                       if k.lower().startswith("x-mlrun-") or k.lower() in ("content-type",)}
            status, out_headers, out_body = replay.answer(self.command, unquote(parts.path), query,
                                                          headers, body)
            data = b"" if out_body is None else (
                out_body.encode() if isinstance(out_body, str) and
                "json" not in out_headers.get("content-type", "") else json.dumps(out_body).encode())
            data = data.replace(b"<artifact-path>", replay.artifact_path.encode())
            self.send_response(status)
            for name, value in out_headers.items():
                if name not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def steps_of(folder, name):
    steps = []
    with open(os.path.join(folder, name + ".steps.txt")) as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            span, label = line.rstrip("\n").split("\t", 1)
            if span == "-":
                first, last = 0, -1
            else:
                a, _, b = span.partition("-")
                first, last = int(a), int(b or a)
            steps.append((label, list(range(first - 1, last))))
    return steps


def command_of(label):
    text = label[len("setup: "):] if label.startswith("setup: ") else label
    if not text.startswith("mlrun "):
        return None
    # the labels quote nothing; the hyper-parameter lists hold no spaces
    return shlex.split(text)[1:]


def compare_request(golden, ours):
    out = []
    g, o = golden["request"], ours
    gq = {k: [normal(v) for v in vs] for k, vs in (g.get("query") or {}).items()}
    oq = {k: [normal(v) for v in vs] for k, vs in (o.get("query") or {}).items()}
    for key in gq:
        if key not in oq:
            out.append((f"query.{key}", f"missing (expected {gq[key]})"))
        elif gq[key] != oq[key]:
            out.append((f"query.{key}", f"expected {gq[key]}, got {oq[key]}"))
    for key in oq:
        if key not in gq:
            out.append((f"query.{key}", f"extra (got {oq[key]})"))
    for name in (g.get("headers") or {}):
        if name.startswith("x-mlrun-") and name not in o["headers"]:
            out.append((f"header.{name}", "missing"))
    if isinstance(g.get("body"), (dict, list)) or isinstance(o.get("body"), (dict, list)):
        compare_shape(shape(g.get("body")), shape(o.get("body")), "", out)
    return out


def commands_of(folder, name):
    """(step label, its exchange indexes, argv, expected exit code or None, output pattern or
    None) for each step of the scenario this tool runs: the `mlrun` lines of a CLI recording,
    the commands sdk_steps.py gives the SDK's steps."""
    steps = steps_of(folder, name)
    if name not in SDK_STEPS:
        return [(label, indexes, argv, None, None) for label, indexes in steps
                for argv in [command_of(label)] if argv is not None]
    out = []
    for step in SDK_STEPS[name]:
        # The label whole, else the only one it starts (up to a word's end).
        matching = ([(label, indexes) for label, indexes in steps if label == step.label] or
                    [(label, indexes) for label, indexes in steps
                     if re.match(re.escape(step.label) + r"(?![\w=*\[\]])", label)])
        if len(matching) != 1:
            raise SystemExit(f"{name}: {len(matching)} steps are labelled '{step.label}'")
        label, indexes = matching[0]
        out.append((label, indexes, shlex.split(step.command), step.exit, step.output))
    return out


def file_tree(root):
    """{relative path (uids as <uid>): (size, sha1)} of the files under root."""
    tree = {}
    for folder, _, names in os.walk(root):
        for file_name in names:
            path = os.path.join(folder, file_name)
            with open(path, "rb") as f:
                data = f.read()
            tree[normal(os.path.relpath(path, root))] = (len(data), hashlib.sha1(data).hexdigest())
    return tree


def compare_written(folder, name, artifact_path):
    """What the run wrote under the server's artifact path against what MLRun's CLI wrote there
    (rest/NAME.artifact-path-tree.txt): the path a run's artifacts take from the client-spec."""
    recorded = os.path.join(folder, name + ".artifact-path-tree.txt")
    if not os.path.exists(recorded):
        return []
    golden = {}
    with open(recorded) as f:
        for line in f:
            if line.strip():
                path, size, sha1 = line.rsplit(" ", 2)
                golden[normal(path)] = (int(size), sha1.strip())
    ours = file_tree(artifact_path)
    diffs = []
    for path, (size, sha1) in golden.items():
        if path not in ours:
            diffs.append(("[artifact path]", path, "not written"))
        elif ours[path] != (size, sha1):
            diffs.append(("[artifact path]", path, f"{ours[path][0]} bytes, sha1 {ours[path][1]} "
                          f"(recorded {size}, {sha1})"))
    for path in ours:
        if path not in golden:
            diffs.append(("[artifact path]", path, "written, MLRun's CLI writes no such file"))
    return diffs


def run_scenario(mlrun, folder, name):
    with open(os.path.join(folder, name + ".jsonl")) as f:
        exchanges = [json.loads(line) for line in f if line.strip()]
    base = tempfile.mkdtemp(prefix="mlrun-replay-")
    diffs = []
    try:
        work, home, art = (os.path.join(base, d) for d in ("work", "home", "artifacts"))
        os.makedirs(home)
        os.makedirs(art)
        files = os.path.join(folder, name + ".files")
        if os.path.isdir(files):
            shutil.copytree(files, work)
        else:
            os.makedirs(work)
        replay = Replay(exchanges, art, POOL)
        server = serve(replay)
        env = recorded_environment(
            home, MLRUN_DBPATH=f"http://127.0.0.1:{server.server_address[1]}",
            MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR="0")
        for label, indexes, argv, exit_code, output in commands_of(folder, name):
            step = f"[{' '.join(argv)}]"
            with replay.lock:
                replay.step = indexes
                replay.seen = []
            try:
                done = subprocess.run([mlrun] + argv, cwd=work, env=env, capture_output=True,
                                      text=True, timeout=120)
            except subprocess.TimeoutExpired:
                diffs.append((step, "run", "timed out"))
                continue
            # What the user sees, given the real server's answers.
            if exit_code is not None and done.returncode != exit_code:
                diffs.append((step, "exit", f"{done.returncode}, expected {exit_code}: "
                              f"{done.stderr.strip()[-300:]}"))
            if output is not None and not re.search(output, done.stdout + done.stderr):
                diffs.append((step, "output", f"does not match {output!r}: "
                              f"{(done.stdout + done.stderr).strip()[-300:]}"))
            for request, index in replay.seen:
                where = f"{request['method']} {normal(request['path'])}"
                if index is None:
                    diffs.append((step, where, "sent, but MLRun's client sends no such request"))
                elif index not in indexes:
                    diffs.append((step, where, "sent here, MLRun's client sends it elsewhere"))
                else:
                    for part, what in compare_request(exchanges[index], request):
                        diffs.append((step, f"{where} {part}", what))
            for index in indexes:
                if index not in replay.used:
                    g = exchanges[index]["request"]
                    diffs.append((step, f"{g['method']} {normal(g['path'])}", "not sent"))
        server.shutdown()
        diffs += compare_written(folder, name, art)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return diffs


def place_matches(where, pattern):
    """A glob, or a regular expression after "re:" (for a path with no more segments)."""
    if pattern.startswith("re:"):
        return re.fullmatch(pattern[3:], where) is not None
    return fnmatch.fnmatchcase(where, pattern)


def reason_for(name, step, where, what):
    for table, prefix in ((DELIBERATE, ""), (KNOWN, "known, not matched yet: ")):
        for scenario, step_glob, where_glob, what_glob, reason in table:
            if (fnmatch.fnmatchcase(name, scenario) and fnmatch.fnmatchcase(step, step_glob) and
                    place_matches(where, where_glob) and fnmatch.fnmatchcase(what, what_glob)):
                return prefix + reason
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlrun", required=True)
    parser.add_argument("--golden", required=True)
    parser.add_argument("--scenario", action="append")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    folder = os.path.join(args.golden, "rest")
    if not os.path.isdir(folder):
        print(f"golden REST recordings not found at {folder}: skipped")
        return 0
    mlrun = os.path.abspath(args.mlrun)
    for transcript in sorted(os.listdir(folder)):
        if transcript.endswith(".jsonl"):
            with open(os.path.join(folder, transcript)) as f:
                POOL.extend(json.loads(line) for line in f if line.strip())
    unexplained = 0
    for name in args.scenario or SCENARIOS:
        diffs = run_scenario(mlrun, folder, name)
        bad = [d for d in diffs if reason_for(name, *d) is None]
        unexplained += len(bad)
        print(f"{'FAIL' if bad else 'ok  '} {name}: {len(bad)} unexplained, "
              f"{len(diffs) - len(bad)} listed")
        for step, where, what in diffs:
            reason = reason_for(name, step, where, what)
            if reason is None:
                print(f"     {step} {where}: {what}")
            elif args.verbose:
                print(f"     ({step} {where}: {what} -- {reason})")
    print(f"{unexplained} unexplained request differences")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())

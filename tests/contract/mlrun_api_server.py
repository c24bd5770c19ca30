#!/usr/bin/env python3
"""A contract test server for the MLRun REST API (../shared/spec/rest-api.md), standard library only.

It keeps projects, functions, runs, logs, artifacts, schedules and background tasks in memory and
answers as an MLRun 1.7 server does: paths, methods, query names, body shapes, status codes,
headers (x-mlrun-be-version, x-mlrun-run-state) and the three error-body shapes. It is stricter
than the real server in one way: unknown query parameters and requests without the
x-mlrun-client-version header are refused, so client bugs show up.

Submitted jobs run as simulated pods: they move to running, write log lines, then complete -- or
fail when the run's handler is named "fail". Builds (POST build/function) and Nuclio deployments
(POST projects/P/nuclio/NAME/deploy) are simulated the same way: they fail when a build command
contains "exit 1".

Test controls (outside /api): POST /_test/faults with {"rules": [...]} where a rule is
  {"method": "GET", "path": "regex", "status": 503, "times": 2}        answer with an error
  {"method": "GET", "path": "regex", "action": "drop", "times": 1}     close without answering
  {"method": "GET", "path": "regex", "action": "delay", "seconds": 1}  answer late
  {"method": "GET", "path": "regex", "action": "truncate", "bytes": N} send N bytes, then close
GET /_test/requests returns every request seen (also appended to --log as JSON lines).
GET /_files/NAME serves files under --files-root, honouring "Range: bytes=N-" (206/416); the
files endpoint GET /api/v1/projects/P/files?path=s3://BUCKET/KEY reads the same tree.

usage: mlrun_api_server.py --port-file FILE [--log FILE] [--token T] [--faults FILE]
                           [--job-steps N] [--step-seconds S] [--max-seconds S]
"""

import argparse
import base64
import hashlib
import json
import re
import socket
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

VERSION = "1.7.0"
TERMINAL = {"completed", "error", "aborted", "skipped"}
RUNTIME_KINDS = {"remote", "nuclio", "serving", "dask", "job", "spark", "remote-spark", "mpijob",
                 "local", "databricks", "application", ""}
LOCAL_KINDS = {"", "local", "handler"}
BOOL_WORDS = {"1", "0", "true", "false", "yes", "no", "on", "off", "t", "f", "y", "n"}
PROJECT_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
ARTIFACT_KEY = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")


class HTTPError(Exception):
    def __init__(self, status, detail, headers=None):
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or {}


def mlrun_error(status, cls, message):
    return HTTPError(status, f"{cls}({message!r})")


def reason(status, text):
    return HTTPError(status, {"reason": text})


def now():
    return datetime.now(timezone.utc).replace(tzinfo=None).isoformat()


def truthy(name, value):
    if value.lower() not in BOOL_WORDS:
        raise HTTPError(422, [{"loc": ["query", name], "msg": "value could not be parsed to a boolean",
                               "type": "type_error.bool"}])
    return value.lower() in {"1", "true", "yes", "on", "t", "y"}


def integer(name, value):
    try:
        return int(value)
    except ValueError:
        raise HTTPError(422, [{"loc": ["query", name], "msg": "value is not a valid integer",
                               "type": "type_error.integer"}])


def normalize(name):
    return re.sub(r"\s+", "-", name).replace("_", "-").lower()


class State:
    def __init__(self, args):
        self.lock = threading.RLock()
        self.args = args
        self.projects = {}
        self.functions = {}     # (project, name) -> {"versions": {hash: dict}, "tags": {tag: hash}}
        self.runs = {}          # (project, uid, iter) -> run dict
        self.logs = {}          # (project, uid) -> bytearray
        self.artifacts = []     # list of records: {"project", "key", "tree", "iter", "uid", "tags", "body"}
        self.schedules = {}     # (project, name) -> dict
        self.tasks = {}         # name -> task dict
        self.pages = {}         # token -> (items, next index, page size)
        self.faults = list(args.faults_rules)
        self.requests = []
        self.builds = {}        # (project, name, tag) -> {"function", "state", "log", "image", "pod"}
        self.deploys = {}       # (project, name) -> {"function", "state", "log": [(ts, line)], ...}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mlrun-contract-server"

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every kept-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *_):
        pass

    # --- plumbing

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def do_HEAD(self):
        self.handle_any("HEAD")

    def handle_any(self, method):
        state = self.server.state
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        record = {"method": method, "path": path, "query": query,
                  "headers": {k.lower(): v for k, v in self.headers.items()},
                  "body": body.decode("utf-8", "replace")}
        if not path.startswith("/_test/"):
            with state.lock:
                state.requests.append(record)
            if state.args.log:
                with state.lock, open(state.args.log, "a") as handle:
                    handle.write(json.dumps(record) + "\n")
            if self.apply_faults(method, path):
                return
        try:
            status, payload, headers = self.route(method, path, query, body, record["headers"])
        except HTTPError as error:
            status, payload, headers = error.status, {"detail": error.detail}, error.headers
        except Exception as error:  # noqa: BLE001 - the server's generic 500
            status, payload, headers = 500, {"detail": repr(error)}, {}
        self.respond(status, payload, headers)

    def apply_faults(self, method, path):
        state = self.server.state
        with state.lock:
            rule = None
            for candidate in state.faults:
                if candidate.get("times", 1) <= 0:
                    continue
                if candidate.get("method", method) != method:
                    continue
                if not re.search(candidate.get("path", ".*"), path):
                    continue
                candidate["times"] = candidate.get("times", 1) - 1
                rule = candidate
                break
        if rule is None:
            return False
        action = rule.get("action", "status")
        if action == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return True
        if action == "truncate":
            self.truncate_after = int(rule.get("bytes", 0))
            return False
        if action == "delay":
            time.sleep(float(rule.get("seconds", 1)))
            return False
        status = int(rule.get("status", 503))
        self.respond(status, {"detail": f"MLRunServiceUnavailableError('injected fault {status}')"}, {})
        return True

    def respond(self, status, payload, headers):
        if isinstance(payload, (bytes, bytearray)):
            data, content_type = bytes(payload), "text/plain"
        elif payload is None:
            data, content_type = b"", None
        else:
            data, content_type = json.dumps(payload).encode(), "application/json"
        self.send_response(status)
        self.send_header("x-mlrun-be-version", VERSION)
        if content_type and status != 204:
            self.send_header("Content-Type", content_type)
        for key, value in headers.items():
            self.send_header(key, value)
        if status == 204:
            data = b""
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        cut = getattr(self, "truncate_after", None)
        if cut is not None:
            # An interrupted transfer: part of the body, then the connection goes.
            self.truncate_after = None
            self.wfile.write(data[:cut])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if self.command != "HEAD":
            self.wfile.write(data)

    # --- routing

    def route(self, method, path, query, body, headers):
        state = self.server.state
        if path == "/_test/faults" and method == "POST":
            rules = json.loads(body or b"{}").get("rules", [])
            with state.lock:
                state.faults.extend(rules)
            return 200, {"rules": len(state.faults)}, {}
        if path.startswith("/_files/") and method == "GET":
            return self.serve_file(path[len("/_files/"):], headers)
        if path == "/_test/requests" and method == "GET":
            with state.lock:
                return 200, {"requests": list(state.requests)}, {}
        match = re.match(r"^/api/(v1|v2)(/.*)$", path)
        if not match:
            raise HTTPError(404, "Not Found")
        version, rest = match.groups()
        for route_version, pattern, methods in ROUTES:
            if route_version != version:
                continue
            found = re.fullmatch(pattern, rest)
            if not found:
                continue
            if method not in methods:
                raise HTTPError(405, "Method Not Allowed", {"Allow": ", ".join(sorted(methods))})
            handler, allowed = methods[method]
            unknown = [k for k, _ in query if k not in allowed]
            if unknown:
                raise reason(400, f"unknown query parameter(s) for {method} {rest}: {', '.join(unknown)}")
            if rest not in ("/healthz", "/client-spec") and "x-mlrun-client-version" not in headers:
                raise reason(400, "missing the x-mlrun-client-version header")
            self.authenticate(rest, headers)
            params = {}
            for key, value in query:
                params.setdefault(key, []).append(value)
            return handler(state, self, *found.groups(), params=params, body=body, headers=headers)
        raise HTTPError(404, "Not Found")

    def serve_file(self, name, headers):
        root = self.server.state.args.files_root
        if not root:
            raise HTTPError(404, "Not Found")
        import os
        full = os.path.realpath(os.path.join(root, name))
        if not full.startswith(os.path.realpath(root) + os.sep) or not os.path.isfile(full):
            raise HTTPError(404, "Not Found")
        data = open(full, "rb").read()
        match = re.match(r"bytes=(\d+)-$", headers.get("range", ""))
        if match:
            start = int(match.group(1))
            if start >= len(data):
                return 416, b"", {"Content-Range": f"bytes */{len(data)}"}
            return 206, data[start:], {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}",
                                       "Accept-Ranges": "bytes"}
        return 200, data, {"Accept-Ranges": "bytes"}

    def authenticate(self, rest, headers):
        token = self.server.state.args.token
        if not token or rest in ("/healthz", "/client-spec"):
            return
        given = headers.get("authorization", "")
        if not given.startswith("Bearer "):
            raise mlrun_error(401, "MLRunUnauthorizedError", "Missing bearer auth header")
        if given[len("Bearer "):] != token:
            raise mlrun_error(401, "MLRunUnauthorizedError", "Token did not match")


def one(params, name, default=None):
    values = params.get(name)
    return values[-1] if values else default


def json_body(body, typed=False):
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        if typed:
            raise HTTPError(422, [{"type": "json_invalid", "loc": ["body", 0], "msg": "JSON decode error"}])
        raise reason(400, "bad JSON body")
    return value


def ensure_project(state, project):
    if project not in state.projects:
        raise mlrun_error(404, "MLRunNotFoundError", f"Project {project} does not exist")


def background_task(state, name, project=None, succeeded=True, error=None):
    task = {"kind": "BackgroundTask",
            "metadata": {"name": name, "project": project, "created": now(), "updated": now()},
            "spec": {}, "status": {"state": "running"}}
    state.tasks[name] = {"task": task, "final": "succeeded" if succeeded else "failed", "error": error}
    return task


def read_task(state, name):
    entry = state.tasks.get(name)
    if entry is None:
        return None
    task = entry["task"]
    task["status"] = {"state": entry["final"]}
    if entry["error"]:
        task["status"]["error"] = entry["error"]
    return task


def paginate(state, params, items, key):
    token = one(params, "page-token")
    if token is not None:
        with state.lock:
            entry = state.pages.pop(token, None)
        if entry is None:
            raise mlrun_error(404, "MLRunPaginationEndOfResultsError",
                              f"Token {token} not found in pagination cache")
        items, start, size, page = entry
    else:
        page, size = one(params, "page"), one(params, "page-size")
        if size is not None and page is None:
            raise HTTPError(500, "TypeError(\"'<' not supported between instances of 'NoneType' and 'int'\")")
        if size is None:
            return {key: items, "pagination": {"page": None, "page-size": None, "page-token": None}}
        page, size, start = integer("page", page), integer("page-size", size), 0
        if page <= 0 or size <= 0:
            raise HTTPError(422, [{"loc": ["query", "page"], "msg": "must be > 0", "type": "value_error"}])
        start = (page - 1) * size
    chunk = items[start:start + size]
    if not chunk:
        return {key: [], "pagination": {"page": None, "page-size": None, "page-token": None}}
    next_token = None
    if len(chunk) == size:
        next_token = hashlib.sha256(uuid.uuid4().bytes).hexdigest()
        with state.lock:
            state.pages[next_token] = (items, start + size, size, page + 1)
    return {key: chunk, "pagination": {"page": page, "page-size": size, "page-token": next_token}}


def labels_match(labels, filters):
    for item in filters:
        if "=" in item:
            k, v = item.split("=", 1)
            if str(labels.get(k)) != v:
                return False
        elif item not in labels:
            return False
    return True


# --- endpoints

def healthz(state, h, params, body, headers):
    return 200, {"version": VERSION, "status": "ok"}, {}


CLIENT_SPEC_FIELDS = (
    "version namespace docker_registry remote_host mpijob_crd_version ui_url artifact_path "
    "feature_store_data_prefixes feature_store_default_targets spark_app_image spark_app_image_tag "
    "spark_history_server_path spark_operator_version kfp_image kfp_url dask_kfp_image api_url "
    "nuclio_version ui_projects_prefix scrape_metrics default_function_node_selector igz_version "
    "auto_mount_type auto_mount_params default_function_priority_class_name "
    "valid_function_priority_class_names default_tensorboard_logs_path default_function_pod_resources "
    "preemptible_nodes_node_selector preemptible_nodes_tolerations default_preemption_mode "
    "force_run_local function redis_url redis_type sql_url "
    "model_endpoint_monitoring_endpoint_store_connection model_monitoring_tsdb_connection ce "
    "calculate_artifact_hash generate_artifact_target_path_from_artifact_hash logs packagers "
    "external_platform_tracking alerts_mode").split()


def client_spec(state, h, params, body, headers):
    # Every field, null where the server keeps the client's default (as in the recording).
    spec = {field: None for field in CLIENT_SPEC_FIELDS}
    spec.update({"version": VERSION, "namespace": "mlrun", "docker_registry": "", "remote_host": "",
                 "mpijob_crd_version": "v1alpha1", "ui_url": "", "artifact_path": state.args.artifact_path or "",
                 "kfp_image": "mlrun/mlrun:" + VERSION, "calculate_artifact_hash": "True",
                 "redis_url": "", "redis_type": "standalone", "sql_url": "", "ce": {"mode": "", "release": ""}})
    return 200, spec, {}


def validate_project_body(project, name=None):
    if not isinstance(project, dict) or not isinstance(project.get("metadata"), dict):
        raise HTTPError(422, [{"loc": ["body", "metadata"], "msg": "field required", "type": "value_error.missing"}])
    if project.get("kind", "project") != "project":
        raise HTTPError(422, [{"loc": ["body", "kind"], "msg": "unexpected value", "type": "value_error.const"}])
    body_name = project["metadata"].get("name")
    if not body_name:
        raise HTTPError(422, [{"loc": ["body", "metadata", "name"], "msg": "field required",
                               "type": "value_error.missing"}])
    if name is not None and body_name != name:
        raise mlrun_error(409, "MLRunConflictError", "Conflict between name in body and name in path")
    if len(body_name) > 63 or not PROJECT_NAME.match(body_name):
        raise mlrun_error(400, "MLRunInvalidArgumentError", f"Field 'project.metadata.name' is malformed. {body_name} does not match required pattern")


def create_project(state, h, params, body, headers):
    project = json_body(body, typed=True)
    validate_project_body(project)
    name = project["metadata"]["name"]
    with state.lock:
        if name in state.projects:
            raise mlrun_error(409, "MLRunConflictError", f"Conflict - at least one of the objects already exists: {name}")
        project["metadata"]["created"] = now()
        project.setdefault("status", {})["state"] = project.get("spec", {}).get("desired_state", "online")
        state.projects[name] = project
    return 201, project, {}


def list_projects(state, h, params, body, headers):
    fmt = one(params, "format", "full")
    if fmt not in ("full", "name_only", "minimal", "leader"):
        raise HTTPError(422, [{"loc": ["query", "format"], "msg": "value is not a valid enumeration member",
                               "type": "type_error.enum"}])
    with state.lock:
        projects = list(state.projects.values())
    return 200, {"projects": [p["metadata"]["name"] for p in projects] if fmt == "name_only" else projects}, {}


def get_project(state, h, name, params, body, headers):
    with state.lock:
        if name not in state.projects:
            raise mlrun_error(404, "MLRunNotFoundError", f"Project not found: name={name}, project_id=None")
        return 200, state.projects[name], {}


def store_project(state, h, name, params, body, headers):
    project = json_body(body, typed=True)
    validate_project_body(project, name)
    with state.lock:
        created = state.projects.get(name, {}).get("metadata", {}).get("created", now())
        project["metadata"]["created"] = created
        project.setdefault("status", {})["state"] = project.get("spec", {}).get("desired_state", "online")
        state.projects[name] = project
    return 200, project, {}


def delete_project_v2(state, h, name, params, body, headers):
    strategy = headers.get("x-mlrun-deletion-strategy", "restricted")
    if strategy not in ("restrict", "restricted", "cascade", "cascading", "check"):
        raise HTTPError(422, [{"loc": ["header", "x-mlrun-deletion-strategy"],
                               "msg": "value is not a valid enumeration member", "type": "type_error.enum"}])
    with state.lock:
        if name not in state.projects:
            return 204, None, {}
        # In the order MLRun's restricted check looks (the 412 names the first found).
        has = [kind for kind, present in (
            ("artifacts", any(a["project"] == name for a in state.artifacts)),
            ("logs", any(k[0] == name for k in state.logs)),
            ("runs", any(k[0] == name for k in state.runs)),
            ("schedules", any(k[0] == name for k in state.schedules)),
            ("functions", any(k[0] == name for k in state.functions))) if present]
        if strategy in ("restrict", "restricted", "check") and has:
            raise mlrun_error(412, "MLRunPreconditionFailedError",
                              f"Project {name} can not be deleted since related resources found: {has[0]}")
        if strategy == "check":
            return 204, None, {}
        for table in (state.runs, state.functions, state.schedules):
            for key in [k for k in table if k[0] == name]:
                del table[key]
        for key in [k for k in state.logs if k[0] == name]:
            del state.logs[key]
        state.artifacts = [a for a in state.artifacts if a["project"] != name]
        del state.projects[name]
        task = background_task(state, f"project-deletion-{uuid.uuid4().hex[:8]}")
    return 202, task, {}


def internal_task(state, h, name, params, body, headers):
    with state.lock:
        task = read_task(state, name)
    if task is None:
        raise mlrun_error(404, "MLRunNotFoundError", f"Background task {name} not found")
    return 200, task, {}


def project_task(state, h, project, name, params, body, headers):
    with state.lock:
        task = read_task(state, name)
    if task is None or task["metadata"].get("project") != project:
        raise mlrun_error(404, "MLRunNotFoundError", f"Background task not found: name={name}, project={project}")
    return 200, task, {}


def function_hash(function):
    clean = json.loads(json.dumps(function))
    metadata = clean.setdefault("metadata", {})
    for key in ("tag", "hash", "updated"):
        metadata[key] = ""
    metadata.pop("created", None)
    clean["status"] = None
    return hashlib.sha1(json.dumps(clean, sort_keys=True).encode()).hexdigest()


def store_function(state, h, project, name, params, body, headers):
    with state.lock:
        ensure_project(state, project)
    function = json_body(body)
    if not isinstance(function, dict):
        raise reason(400, "bad JSON body")
    kind = function.get("kind") or ""
    if kind not in RUNTIME_KINDS:
        raise HTTPError(500, f"Exception('Unsupported runtime ({kind}) or missing command, supported runtimes: ...')")
    if normalize(name) != name:
        raise mlrun_error(400, "MLRunInvalidArgumentError", "Conflict between requested name and name in function body")
    versioned = truthy("versioned", one(params, "versioned", "false"))
    tag = one(params, "tag", "") or function.get("metadata", {}).get("tag") or "latest"
    function.setdefault("metadata", {})["name"] = name
    function["metadata"]["project"] = project
    hash_key = function_hash(function)
    function["metadata"].update({"hash": hash_key, "tag": "", "updated": now()})
    with state.lock:
        entry = state.functions.setdefault((project, name), {"versions": {}, "tags": {}})
        uid = hash_key if versioned else f"unversioned-{tag}"
        entry["versions"][uid] = function
        entry["tags"][tag] = uid
    return 200, {"hash_key": hash_key}, {}


def get_function(state, h, project, name, params, body, headers):
    fmt = one(params, "format", "full")
    if fmt not in ("full", "minimal"):
        raise mlrun_error(400, "MLRunBadRequestError", f"Provided format is not supported. format={fmt}")
    tag, hash_key = one(params, "tag", ""), one(params, "hash_key")
    with state.lock:
        entry = state.functions.get((project, normalize(name)))
        if entry is not None:
            if hash_key and not tag:
                function = entry["versions"].get(hash_key)
                if function is not None:
                    return 200, {"func": function}, {}
            else:
                uid = entry["tags"].get(tag or "latest")
                if uid is not None:
                    function = json.loads(json.dumps(entry["versions"][uid]))
                    function["metadata"]["tag"] = tag or "latest"
                    return 200, {"func": function}, {}
    raise mlrun_error(404, "MLRunNotFoundError", f"Function tag not found {project}/{name}:{tag or 'latest'}")


def list_functions(state, h, project, params, body, headers):
    name, tag, labels = one(params, "name"), one(params, "tag"), params.get("label", [])
    items = []
    with state.lock:
        for (p, fname), entry in sorted(state.functions.items()):
            if project != "*" and p != project:
                continue
            if name and not (fname == name or (name.startswith("~") and name[1:].lower() in fname)):
                continue
            rows = [(ftag, uid) for ftag, uid in entry["tags"].items()]
            if not tag:  # as MLRun (golden rest/functions): untagged versions too, with tag ""
                tagged = set(entry["tags"].values())
                rows = [("", uid) for uid in entry["versions"]
                        if uid not in tagged and not uid.startswith("unversioned")] + rows
            for ftag, uid in rows:
                if tag and tag != "*" and ftag != tag:
                    continue
                function = json.loads(json.dumps(entry["versions"][uid]))
                function["metadata"]["tag"] = ftag
                if labels_match(function["metadata"].get("labels") or {}, labels):
                    items.append(function)
    return 200, paginate(state, params, items, "funcs"), {}


def delete_function_v2(state, h, project, name, params, body, headers):
    with state.lock:
        state.functions.pop((project, name), None)
        task = background_task(state, f"function-deletion-{uuid.uuid4().hex[:8]}", project)
    return 202, task, {}


def run_key(project, uid, params):
    return project, uid, integer("iter", one(params, "iter", "0"))


def submit_job(state, h, params, body, headers):
    data = json_body(body)
    if not isinstance(data, dict):
        raise reason(400, "bad JSON body")
    task = data["task"]  # a missing task is a KeyError -> 500, as on the real server
    project = task["metadata"]["project"]
    with state.lock:
        ensure_project(state, project)
    function = data.get("function")
    url = data.get("functionUrl") or task.get("spec", {}).get("function")
    if not function and not url:
        raise reason(400, "bad JSON, need to include function/url and task objects")
    if not function:
        raise mlrun_error(404, "MLRunNotFoundError", f"Function not found {url}")
    kind = function.get("kind") or ""
    if kind in LOCAL_KINDS:
        raise mlrun_error(400, "MLRunInvalidArgumentError", "Local runtimes can not be run through API (not locally)")
    metadata = task.setdefault("metadata", {})
    fname = normalize(function.get("metadata", {}).get("name") or "func")
    handler = task.get("spec", {}).get("handler") or function.get("spec", {}).get("default_handler") or ""
    metadata["name"] = normalize(metadata.get("name") or (f"{fname}-{handler}" if handler else fname))
    metadata["uid"] = metadata.get("uid") or uuid.uuid4().hex
    labels = metadata.setdefault("labels", {})
    labels["kind"] = kind
    labels["mlrun/client_version"] = headers.get("x-mlrun-client-version", "")
    if data.get("schedule"):
        name = metadata["name"]
        with state.lock:
            action = "modified" if (project, name) in state.schedules else "created"
            state.schedules[(project, name)] = {
                "name": name, "kind": "job", "project": project, "cron_trigger": data["schedule"],
                "scheduled_object": {"task": task, "function": function}, "creation_time": now()}
        return 200, {"data": {"schedule": data["schedule"], "project": project, "name": name,
                              "action": action}}, {}
    hash_key = function_hash(function)
    task.setdefault("spec", {})["function"] = f"{project}/{fname}@{hash_key}"
    status = task.setdefault("status", {})
    status.update({"state": "created", "start_time": now(), "last_update": now(),
                   "status_text": f"Job is running in the background, pod: {metadata['name']}-abcde"})
    key = (project, metadata["uid"], 0)
    with state.lock:
        state.runs[key] = task
        state.logs[(project, metadata["uid"])] = bytearray()
    threading.Thread(target=simulate_job, args=(state, key, handler), daemon=True).start()
    return 200, {"data": task}, {}


def simulate_job(state, key, handler):
    project, uid, _ = key
    steps, pause = state.args.job_steps, state.args.step_seconds

    def update(**fields):
        with state.lock:
            run = state.runs.get(key)
            if run is None:
                return None
            status = run.setdefault("status", {})
            status.update(fields)
            status["last_update"] = now()
            return status.get("state")

    def log(text):
        with state.lock:
            if key in state.runs:
                state.logs.setdefault((project, uid), bytearray()).extend(text.encode())

    time.sleep(pause)
    update(state="running")
    for step in range(1, steps + 1):
        time.sleep(pause)
        with state.lock:
            if state.runs.get(key, {}).get("status", {}).get("state") in ("aborting", "aborted"):
                return
        log(f"step {step} of {steps}\n")
    time.sleep(pause)
    if handler == "fail":
        log("Traceback (most recent call last):\nValueError: the handler failed on purpose\n")
        update(state="error", error="ValueError: the handler failed on purpose")
    else:
        log("done\n")
        update(state="completed", results={"steps": steps})


def get_run(state, h, project, uid, params, body, headers):
    key = run_key(project, uid, params)
    with state.lock:
        run = state.runs.get(key)
    if run is None:
        raise mlrun_error(404, "MLRunNotFoundError", f"Run uid {uid} of project {project} not found")
    return 200, {"data": run}, {}


def store_run(state, h, project, uid, params, body, headers):
    with state.lock:
        ensure_project(state, project)
    run = json_body(body)
    if not isinstance(run, dict):
        raise reason(400, "bad JSON body")
    run["metadata"]["name"]  # noqa: B018 - missing name is a KeyError (500) on the real server
    key = run_key(project, uid, params)
    with state.lock:
        existing = state.runs.get(key)
        if existing is not None and existing["metadata"]["name"] != run["metadata"]["name"]:
            raise mlrun_error(400, "MLRunInvalidArgumentError", "Changing name for an existing run is invalid")
        state.runs[key] = run
    return 200, {}, {}


def apply_dotted(target, updates):
    for dotted, value in updates.items():
        node = target
        parts = dotted.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value


def update_run(state, h, project, uid, params, body, headers):
    updates = json_body(body)
    key = run_key(project, uid, params)
    with state.lock:
        run = state.runs.get(key)
        if run is None:
            raise mlrun_error(404, "MLRunNotFoundError", f"Run {project}@{uid}#{key[2]} not found")
        apply_dotted(run, updates)
    return 200, {}, {}


def delete_run(state, h, project, uid, params, body, headers):
    with state.lock:
        keys = [k for k in state.runs if k[0] == project and k[1] == uid]
        for k in keys:
            if state.runs[k].get("status", {}).get("state") in ("running", "pending"):
                raise mlrun_error(400, "MLRunBadRequestError",
                                  f"Can not delete run in {state.runs[k]['status']['state']} state, consider aborting the run first")
        for k in keys:
            del state.runs[k]
        state.logs.pop((project, uid), None)
    return 200, {}, {}


def abort_run(state, h, project, uid, params, body, headers):
    json_body(body)
    key = run_key(project, uid, params)
    with state.lock:
        run = state.runs.get(key)
        if run is None:
            raise mlrun_error(404, "MLRunNotFoundError", f"Run uid {uid} of project {project} not found")
        terminal = run.get("status", {}).get("state") in TERMINAL
        if not terminal:
            run["status"]["state"] = "aborted"
            run["status"]["status_text"] = "Run was aborted"
        task = background_task(state, f"abort-{uid[:8]}-{uuid.uuid4().hex[:4]}", project, not terminal,
                               "Run is already in terminal state, can not be aborted" if terminal else None)
    return 202, task, {}


def list_runs(state, h, project, params, body, headers):
    name, uids = one(params, "name"), params.get("uid", [])
    labels, states = params.get("label", []), params.get("state", [])
    iterations = truthy("iter", one(params, "iter", "true"))
    if one(params, "partition-by") and not one(params, "partition-sort-by"):
        raise mlrun_error(400, "MLRunInvalidArgumentError", "sort parameter must be provided when partition_by is used.")
    start_from = one(params, "start_time_from")
    start_to = one(params, "start_time_to")
    with state.lock:
        runs = [r for k, r in state.runs.items() if project == "*" or k[0] == project]
    selected = []
    for run in runs:
        metadata, status = run.get("metadata", {}), run.get("status", {})
        if not iterations and metadata.get("iteration", 0) != 0:
            continue
        if name and not (metadata.get("name") == name or
                         (name.startswith("~") and name[1:].lower() in metadata.get("name", "").lower())):
            continue
        if uids and metadata.get("uid") not in uids:
            continue
        if states and status.get("state") not in states:
            continue
        if not labels_match(metadata.get("labels") or {}, labels):
            continue
        started = (status.get("start_time") or "")[:26].replace("Z", "")
        if start_from and started and started < start_from[:26].replace("Z", "").replace("+00:00", ""):
            continue
        if start_to and started and started >= start_to[:26].replace("Z", "").replace("+00:00", ""):
            continue
        selected.append(run)
    if truthy("sort", one(params, "sort", "true")):
        selected.sort(key=lambda r: r.get("status", {}).get("start_time") or "", reverse=True)
    if one(params, "partition-by"):
        latest = {}
        for run in selected:
            latest.setdefault((run["metadata"].get("project"), run["metadata"].get("name")), run)
        selected = [r for r in selected if latest[(r["metadata"].get("project"), r["metadata"].get("name"))] is r]
    return 200, paginate(state, params, selected, "runs"), {}


def get_log(state, h, project, uid, params, body, headers):
    offset = integer("offset", one(params, "offset", "0"))
    size = integer("size", one(params, "size", "-1"))
    if offset < 0:
        raise mlrun_error(400, "MLRunInvalidArgumentError", "Offset cannot be negative")
    with state.lock:
        run = state.runs.get((project, uid, 0))
        if run is None:
            raise mlrun_error(404, "MLRunNotFoundError", f"Run uid {uid} of project {project} not found")
        data = bytes(state.logs.get((project, uid), b""))
        run_state = run.get("status", {}).get("state") or ""
    chunk = data[offset:] if size < 0 else data[offset:offset + size]
    return 200, chunk, {"x-mlrun-run-state": run_state}


def log_size(state, h, project, uid, params, body, headers):
    with state.lock:
        data = state.logs.get((project, uid))
    if data is None:
        raise mlrun_error(404, "MLRunNotFoundError", f"Log file for {project}/{uid} not found")
    return 200, {"size": len(data)}, {}


def store_log(state, h, project, uid, params, body, headers):
    append = truthy("append", one(params, "append", "true"))
    with state.lock:
        data = state.logs.setdefault((project, uid), bytearray())
        if not append:
            data.clear()
        data.extend(body)
    return 200, {}, {}


def artifact_uid(body, tree, iteration):
    clean = json.loads(json.dumps(body))
    metadata = clean.setdefault("metadata", {})
    for key in ("labels", "updated", "created"):
        metadata.pop(key, None)
    clean.get("spec", {}).pop("db_key", None)
    clean.get("spec", {}).pop("extra_data", None)
    metadata["tag"], metadata["uid"], metadata["iter"], metadata["tree"] = "", "", iteration or None, tree
    clean["status"] = None
    return hashlib.sha1(json.dumps(clean, sort_keys=True).encode()).hexdigest()


def artifact_view(record, tag):
    body = json.loads(json.dumps(record["body"]))
    body["metadata"].update({"tag": tag, "uid": record["uid"], "tree": record["tree"], "iter": record["iter"]})
    body["project"] = record["project"]
    return body


def store_artifact(state, h, project, key, params, body, headers):
    with state.lock:
        ensure_project(state, project)
    artifact = json_body(body, typed=True)
    missing = [f for f in ("kind", "metadata", "spec", "status") if f not in artifact]
    if not missing and not isinstance(artifact.get("metadata"), dict):
        missing = ["metadata"]
    if not missing:
        missing = [f"metadata.{f}" for f in ("key", "project") if f not in artifact["metadata"]]
    if missing:
        raise HTTPError(422, [{"loc": ["body"] + missing[0].split("."), "msg": "field required",
                               "type": "value_error.missing"}])
    tag = one(params, "tag", "latest")
    if not re.match(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", tag) or len(tag) > 63:
        raise mlrun_error(400, "MLRunInvalidArgumentError", f"Tag name {tag} is not valid")
    tree = one(params, "tree") or artifact["metadata"].get("tree")
    iteration = integer("iter", one(params, "iter", str(artifact["metadata"].get("iter") or 0)))
    uid = artifact_uid(artifact, tree, iteration)
    object_uid = one(params, "object-uid")
    if object_uid and object_uid != uid:
        raise mlrun_error(400, "MLRunInvalidArgumentError", "Changing uid for an object referenced by its uid")
    artifact["metadata"]["updated"] = now()
    with state.lock:
        record = next((a for a in state.artifacts if a["project"] == project and a["key"] == key
                       and a["uid"] == uid and a["tree"] == tree and a["iter"] == iteration), None)
        if record is None:
            if not ARTIFACT_KEY.match(key):
                raise mlrun_error(400, "MLRunInvalidArgumentError", f"Artifact key {key} is not valid")
            record = {"project": project, "key": key, "tree": tree, "iter": iteration, "uid": uid,
                      "tags": set(), "body": artifact}
            state.artifacts.append(record)
            move_tag(state, record, "latest")
        record["body"] = artifact
        move_tag(state, record, tag)
        linked_iter = (artifact.get("spec") or {}).get("link_iteration")
        if artifact.get("kind") == "link" and isinstance(linked_iter, int):
            # As MLRun's server (golden rest/artifacts): the version the link points at gets
            # its tags and is what the store answers.
            linked = next((a for a in state.artifacts if a["project"] == project and
                           a["key"] == key and a["tree"] == tree and a["iter"] == linked_iter and
                           a["body"].get("kind") != "link"), None)
            if linked is not None:
                move_tag(state, linked, "latest")
                move_tag(state, linked, tag)
                return 200, artifact_view(linked, tag), {}
        return 200, artifact_view(record, tag), {}


def move_tag(state, record, tag):
    for other in state.artifacts:
        if other is record or other["project"] != record["project"] or other["key"] != record["key"]:
            continue
        if other["tree"] != record["tree"] or other["iter"] == record["iter"]:
            other["tags"].discard(tag)
    record["tags"].add(tag)


def find_artifacts(state, project, key, params):
    tag, tree = one(params, "tag"), one(params, "tree")
    uid = one(params, "object-uid") or one(params, "uid")
    iteration = one(params, "iter")
    found = [a for a in state.artifacts if a["project"] == project and a["key"] == key]
    if uid:
        found = [a for a in found if a["uid"] == uid]
    if tree:
        found = [a for a in found if a["tree"] == tree]
    if tag and not (tag == "latest" and uid):
        found = [a for a in found if tag in a["tags"]]
    if iteration is not None:
        found = [a for a in found if a["iter"] == integer("iter", iteration)]
    return found, tag


def get_artifact(state, h, project, key, params, body, headers):
    with state.lock:
        found, tag = find_artifacts(state, project, key, params)
        if len(found) > 1:
            raise HTTPError(500, "MultipleResultsFound('Multiple rows were found')")
        if not found:
            raise mlrun_error(404, "MLRunNotFoundError", f"Artifact {project}/{key}:{tag} not found")
        return 200, artifact_view(found[0], tag or "latest"), {}


def delete_artifact(state, h, project, key, params, body, headers):
    if one(params, "tag") and (one(params, "object-uid") or one(params, "uid")):
        raise mlrun_error(400, "MLRunInvalidArgumentError", "Both uid and tag specified when deleting an object.")
    strategy = one(params, "deletion_strategy", "metadata-only")
    if strategy not in ("metadata-only", "data-optional", "data-force"):
        raise HTTPError(422, [{"loc": ["query", "deletion_strategy"], "msg": "not a valid enumeration member",
                               "type": "type_error.enum"}])
    with state.lock:
        if one(params, "tag") or one(params, "object-uid") or one(params, "uid"):
            found, _ = find_artifacts(state, project, key, params)
        else:
            found = [a for a in state.artifacts if a["project"] == project and a["key"] == key]
        state.artifacts = [a for a in state.artifacts if not any(a is f for f in found)]
    return 204, None, {}


def delete_artifacts(state, h, project, params, body, headers):
    """Every version the filter selects (MLRun's `del_artifacts`): name exact or `~` like, tag
    ("" or "*": any), tree, labels; 204 whether anything matched or not."""
    name, tag, tree = one(params, "name", ""), one(params, "tag", ""), one(params, "tree")
    labels = params.get("label", [])

    def chosen(a):
        key = a["key"]
        return (a["project"] == project and
                (not name or (name[1:].lower() in key.lower() if name.startswith("~")
                              else key == name)) and
                (tag in ("", "*") or tag in a["tags"]) and (not tree or a["tree"] == tree) and
                labels_match((a["body"].get("metadata") or {}).get("labels") or {}, labels))

    with state.lock:
        state.artifacts = [a for a in state.artifacts if not chosen(a)]
    return 204, None, {}


def list_artifacts(state, h, project, params, body, headers):
    name, tag, kind = one(params, "name"), one(params, "tag"), one(params, "kind")
    tree, iteration, labels = one(params, "tree"), one(params, "iter"), params.get("label", [])
    best = one(params, "best-iteration")
    if best is not None and truthy("best-iteration", best) and iteration is not None:
        raise mlrun_error(400, "MLRunInvalidArgumentError", "best-iteration cannot be used with iter")
    limit = integer("limit", one(params, "limit", "0"))
    items = []
    with state.lock:
        for record in state.artifacts:
            if project != "*" and record["project"] != project:
                continue
            if name and not (record["key"] == name or (name.startswith("~") and name[1:].lower() in record["key"].lower())):
                continue
            if kind and record["body"].get("kind") != kind:
                continue
            if tree and record["tree"] != tree:
                continue
            if iteration is not None and record["iter"] != integer("iter", iteration):
                continue
            if record["body"].get("kind") == "link":
                # Listings leave link artifacts out; best-iteration follows them instead.
                if not (best is not None and truthy("best-iteration", best)):
                    continue
                linked = (record["body"].get("spec") or {}).get("link_iteration")
                record = next((a for a in state.artifacts if a["project"] == record["project"]
                               and a["key"] == record["key"] and a["tree"] == record["tree"]
                               and a["iter"] == linked), None)
                if record is None:
                    continue
            elif best is not None and truthy("best-iteration", best) and record["iter"] != 0 and any(
                    a["body"].get("kind") == "link" and a["project"] == record["project"]
                    and a["key"] == record["key"] and a["tree"] == record["tree"] for a in state.artifacts):
                continue  # an iteration of a hyper-parameter tree: only through its link
            if not labels_match(record["body"]["metadata"].get("labels") or {}, labels):
                continue
            tags = sorted(record["tags"]) or [None]
            for t in tags:
                if tag and tag != "*" and t != tag:
                    continue
                items.append(artifact_view(record, t))
    if limit:
        items = items[:limit]
    return 200, {"artifacts": items}, {}


def tag_operation(state, h, project, tag, params, body, headers):
    request = json_body(body, typed=True)
    with state.lock:
        ensure_project(state, project)
        for identifier in request.get("identifiers", []):
            for record in state.artifacts:
                if record["project"] != project or record["key"] != identifier.get("key"):
                    continue
                if identifier.get("uid") and record["uid"] != identifier["uid"]:
                    continue
                if h.command == "DELETE":
                    record["tags"].discard(tag)
                else:
                    move_tag(state, record, tag)
    if h.command == "DELETE":
        return 204, None, {}
    return 200, {"name": tag, "project": project}, {}


def create_schedule(state, h, project, params, body, headers):
    schedule = json_body(body, typed=True)
    for field in ("name", "kind", "scheduled_object", "cron_trigger"):
        if field not in schedule:
            raise HTTPError(422, [{"loc": ["body", field], "msg": "field required", "type": "value_error.missing"}])
    with state.lock:
        ensure_project(state, project)
        if (project, schedule["name"]) in state.schedules:
            raise mlrun_error(409, "MLRunConflictError", f"Schedule {schedule['name']} already exists")
        schedule.update({"project": project, "creation_time": now()})
        state.schedules[(project, schedule["name"])] = schedule
    return 201, None, {}


def list_schedules(state, h, project, params, body, headers):
    with state.lock:
        items = [s for k, s in state.schedules.items() if project == "*" or k[0] == project]
    return 200, {"schedules": items}, {}


def update_schedule(state, h, project, name, params, body, headers):
    update = json_body(body, typed=True)
    if not isinstance(update, dict):
        raise HTTPError(422, [{"loc": ["body"], "msg": "value is not a valid dict", "type": "type_error.dict"}])
    with state.lock:
        schedule = state.schedules.get((project, name))
        if schedule is None:
            raise mlrun_error(404, "MLRunNotFoundError", f"Schedule not found: project={project}, name={name}")
        for field in ("scheduled_object", "cron_trigger", "labels", "concurrency_limit", "credentials"):
            if update.get(field) is not None:
                schedule[field] = update[field]
    return 200, None, {}


def delete_schedule(state, h, project, name, params, body, headers):
    with state.lock:
        state.schedules.pop((project, name), None)  # 204 also when missing
    return 204, None, {}


def get_schedule(state, h, project, name, params, body, headers):
    with state.lock:
        schedule = state.schedules.get((project, name))
        if schedule is None:
            raise mlrun_error(404, "MLRunNotFoundError", f"Schedule not found: project={project}, name={name}")
        return 200, schedule, {}


def submit_workflow(state, h, project, name, params, body, headers):
    request = json_body(body, typed=True)
    if not isinstance(request, dict):
        raise HTTPError(422, [{"loc": ["body"], "msg": "value is not a valid dict", "type": "type_error.dict"}])
    with state.lock:
        stored = state.projects.get(project)
        if stored is None:
            raise mlrun_error(404, "MLRunNotFoundError", f"Project not found: name={project}, project_id=None")
        workflows = {w.get("name"): w for w in stored.get("spec", {}).get("workflows") or []}
    spec = dict(workflows.get(name) or {})
    spec.update({k: v for k, v in (request.get("spec") or {}).items() if v is not None})
    if not spec.get("name"):
        spec["name"] = name
    if name not in workflows and not (spec.get("path") or spec.get("code")):
        raise reason(400, f"Workflow {name} not found in project")
    if spec.get("schedule"):
        with state.lock:
            state.schedules[(project, name)] = {"name": name, "kind": "job", "project": project,
                                                "cron_trigger": spec["schedule"], "scheduled_object": request,
                                                "creation_time": now()}
        return 202, {"project": project, "name": name, "status": "scheduled", "run_id": None,
                     "schedule": spec["schedule"]}, {}
    uid = uuid.uuid4().hex
    runner = {"kind": "run",
              "metadata": {"name": f"workflow-runner-{name}", "uid": uid, "project": project, "iteration": 0,
                           "labels": {"job-type": "workflow-runner", "workflow": name, "kind": "job"}},
              "spec": {"parameters": {"workflow_name": name, "workflow_arguments": request.get("arguments") or {},
                                      "engine": spec.get("engine") or "kfp"},
                       "output_path": request.get("artifact_path") or ""},
              "status": {"state": "created", "start_time": now(), "last_update": now()}}
    key = (project, uid, 0)
    with state.lock:
        state.runs[key] = runner
        state.logs[(project, uid)] = bytearray()
    # A workflow named "fail" fails, like a handler named "fail".
    threading.Thread(target=simulate_job, args=(state, key, "fail" if name == "fail" else name),
                     daemon=True).start()
    return 202, {"project": project, "name": name, "status": "Running", "run_id": uid, "schedule": None}, {}


def read_files(state, h, project, params, body, headers):
    import os
    url = one(params, "path", "")
    match = re.match(r"^(s3|v3io|gs|az)://(.+)$", url)
    root = state.args.files_root
    if not match or not root:
        raise mlrun_error(400, "MLRunInvalidArgumentError", f"unsupported path {url}")
    full = os.path.realpath(os.path.join(root, match.group(2)))
    if not full.startswith(os.path.realpath(root) + os.sep) or not os.path.isfile(full):
        raise mlrun_error(404, "MLRunNotFoundError", f"Object {url} not found")
    return 200, open(full, "rb").read(), {}


MLRUN_IMAGES = ("mlrun/mlrun", "mlrun/mlrun-gpu", "mlrun/ml-base", "mlrun/ml-models")


def wants_failure(function):
    commands = ((function.get("spec") or {}).get("build") or {}).get("commands") or []
    return any("exit 1" in str(command) for command in commands)


def build_function(state, h, params, body, headers):
    data = json_body(body)
    if not isinstance(data, dict):
        raise reason(400, "bad JSON body")
    function = data["function"]  # missing -> KeyError -> 500, as on the real server
    for key in ("with_mlrun", "skip_deployed", "force_build"):
        if key in data and not isinstance(data[key], (bool, str)):
            raise HTTPError(422, [{"loc": ["body", key], "msg": "invalid", "type": "type_error"}])
    metadata = function.setdefault("metadata", {})
    project = metadata.get("project") or "default"
    name = normalize(metadata.get("name") or "")
    if not name:
        raise reason(400, "Runtime error: function name is required")
    tag = metadata.get("tag") or ""
    with state.lock:
        ensure_project(state, project)
    spec = function.setdefault("spec", {})
    build = spec.setdefault("build", {}) or {}
    spec["build"] = build
    status = function.setdefault("status", {})
    with_mlrun = str(data.get("with_mlrun", "on")).lower() in {"yes", "true", "on", "1"}
    base = build.get("base_image") or ""
    if any(image in base for image in MLRUN_IMAGES):
        with_mlrun = False
    if data.get("skip_deployed") and spec.get("image"):
        status["state"] = "ready"
        return 200, {"data": function, "ready": True}, {}
    if not (build.get("source") or build.get("commands") or build.get("requirements")
            or build.get("extra") or with_mlrun or data.get("force_build")):
        spec["image"] = spec.get("image") or base or "mlrun/mlrun"
        status["state"] = "ready"
        return 200, {"data": function, "ready": True}, {}
    image = build.get("image") or f".mlrun/func-{project}-{name}:{tag or 'latest'}"
    build["image"] = image
    pod = f"mlrun-build-{name}-{uuid.uuid4().hex[:5]}"
    status.update({"state": "deploying", "build_pod": pod})
    key = (project, name, tag)
    with state.lock:
        state.builds[key] = {"function": function, "state": "pending", "log": bytearray(),
                             "image": image, "pod": pod}
    threading.Thread(target=simulate_build, args=(state, key, wants_failure(function)),
                     daemon=True).start()
    return 200, {"data": function, "ready": False}, {}


def simulate_build(state, key, fail):
    steps, pause = state.args.job_steps, state.args.step_seconds

    def update(**fields):
        with state.lock:
            state.builds[key].update(fields)

    def log(text):
        with state.lock:
            state.builds[key]["log"].extend(text.encode())

    time.sleep(pause)
    update(state="running")
    for step in range(1, steps + 1):
        time.sleep(pause)
        log(f"INFO[000{step}] build step {step} of {steps}\n")
    time.sleep(pause)
    if fail:
        log("error building image: RUN exit 1: exit status 1\n")
        update(state="error")
    else:
        log(f"INFO[0009] Pushed {state.builds[key]['image']}\n")
        update(state="ready")


def build_status(state, h, params, body, headers):
    for name in ("logs", "verbose"):
        if one(params, name) is not None:
            truthy(name, one(params, name))
    offset = integer("offset", one(params, "offset", "0"))
    integer("events_offset", one(params, "events_offset", "0"))
    project, name, tag = one(params, "project", "default"), one(params, "name", ""), one(params, "tag", "")
    key = (project, normalize(name), tag)
    with state.lock:
        record = state.builds.get(key)
        if record is None:
            if (project, normalize(name)) not in state.functions:
                raise mlrun_error(404, "MLRunNotFoundError", f"Function not found {project}/{name}")
            return 200, b"", {"function_status": "", "function_image": "", "builder_pod": ""}
        text = bytes(record["log"][offset:])
        headers_out = {"x-mlrun-function-status": record["state"], "function_status": record["state"],
                       "function_image": record["image"] if record["state"] == "ready" else "",
                       "builder_pod": record["pod"], "deploy_status_text_kind": "logs"}
    return 200, text, headers_out


def deploy_nuclio(state, h, project, name, params, body, headers):
    data = json_body(body)
    if not isinstance(data, dict) or not isinstance(data.get("function"), dict):
        raise reason(400, "bad JSON body")
    with state.lock:
        ensure_project(state, project)
    function = data["function"]
    kind = function.get("kind") or ""
    if kind not in {"remote", "nuclio", "serving", "application"} and not kind.startswith("nuclio"):
        raise reason(400, f"Runtime error: function kind {kind} is not a nuclio kind")
    function.setdefault("status", {})["state"] = "deploying"
    nuclio_name = f"{project}-{normalize(name)}"
    with state.lock:
        state.deploys[(project, normalize(name))] = {
            "function": function, "state": "deploying", "log": [], "nuclio_name": nuclio_name,
            "address": f"{nuclio_name}.default-tenant.svc:8080"}
    threading.Thread(target=simulate_deploy, args=(state, (project, normalize(name)), wants_failure(function)),
                     daemon=True).start()
    return 200, {"data": function}, {}


def simulate_deploy(state, key, fail):
    steps, pause = state.args.job_steps, state.args.step_seconds

    def log(line):
        with state.lock:
            state.deploys[key]["log"].append((time.time(), line))

    for step in range(1, steps + 1):
        time.sleep(pause)
        log(f"(info) Deploying function: step {step} of {steps}")
    time.sleep(pause)
    with state.lock:
        if fail:
            state.deploys[key]["log"].append((time.time(), "(error) Failed to deploy: build failed"))
            state.deploys[key]["state"] = "error"
        else:
            state.deploys[key]["log"].append((time.time(), "(info) Function deploy complete"))
            state.deploys[key]["state"] = "ready"


def deploy_status(state, h, project, name, params, body, headers):
    if one(params, "verbose") is not None:
        truthy("verbose", one(params, "verbose"))
    try:
        since = float(one(params, "last_log_timestamp", "0") or 0)
    except ValueError:
        raise HTTPError(422, [{"loc": ["query", "last_log_timestamp"], "msg": "value is not a valid float",
                               "type": "type_error.float"}])
    with state.lock:
        record = state.deploys.get((project, normalize(name)))
        if record is None:
            raise mlrun_error(404, "MLRunNotFoundError", f"Function not found {project}/{name}")
        lines = [(stamp, line) for stamp, line in record["log"] if stamp > since]
        last = lines[-1][0] if lines else since
        out = {"x-mlrun-function-status": record["state"], "x-mlrun-last-timestamp": repr(last),
               "x-mlrun-name": record["nuclio_name"]}
        if record["state"] == "ready":
            out["x-mlrun-address"] = record["address"]
            out["x-mlrun-container-image"] = f"registry.local/{record['nuclio_name']}:latest"
    return 200, "".join(line + "\n" for _, line in lines).encode(), out


SEG = r"([^/]+)"
ROUTES = [
    ("v1", r"/healthz", {"GET": (healthz, set())}),
    ("v2", r"/healthz", {"GET": (healthz, set())}),
    ("v1", r"/client-spec", {"GET": (client_spec, set())}),
    ("v1", r"/projects", {"POST": (create_project, {"wait-for-completion"}),
                          "GET": (list_projects, {"format", "owner", "label", "state"})}),
    ("v1", rf"/projects/{SEG}", {"GET": (get_project, {"format"}),
                                 "PUT": (store_project, {"wait-for-completion"})}),
    ("v2", rf"/projects/{SEG}", {"DELETE": (delete_project_v2, set())}),
    ("v1", rf"/background-tasks/{SEG}", {"GET": (internal_task, set())}),
    ("v1", rf"/projects/{SEG}/background-tasks/{SEG}", {"GET": (project_task, set())}),
    ("v1", rf"/projects/{SEG}/functions/{SEG}", {
        "POST": (store_function, {"tag", "versioned"}),
        "GET": (get_function, {"tag", "hash_key", "format"})}),
    ("v1", rf"/projects/{SEG}/functions", {"GET": (list_functions, {
        "name", "tag", "label", "hash_key", "since", "until", "format", "page", "page-size", "page-token"})}),
    ("v2", rf"/projects/{SEG}/functions/{SEG}", {"DELETE": (delete_function_v2, set())}),
    ("v1", r"/submit_job/?", {"POST": (submit_job, set())}),
    ("v1", rf"/projects/{SEG}/runs/{SEG}/abort", {"POST": (abort_run, {"iter"})}),
    ("v1", rf"/projects/{SEG}/runs/{SEG}", {"GET": (get_run, {"iter", "format"}),
                                            "POST": (store_run, {"iter"}),
                                            "PATCH": (update_run, {"iter"}),
                                            "DELETE": (delete_run, {"iter"})}),
    ("v1", rf"/projects/{SEG}/runs", {"GET": (list_runs, {
        "name", "uid", "label", "state", "last", "sort", "iter", "start_time_from", "start_time_to",
        "last_update_time_from", "last_update_time_to", "partition-by", "rows-per-partition",
        "partition-sort-by", "partition-order", "max-partitions", "with-notifications", "page",
        "page-size", "page-token"})}),
    ("v1", rf"/projects/{SEG}/logs/{SEG}/size", {"GET": (log_size, set())}),
    ("v1", rf"/projects/{SEG}/logs/{SEG}", {"GET": (get_log, {"offset", "size"}),
                                            "POST": (store_log, {"append"})}),
    ("v2", rf"/projects/{SEG}/artifacts/(.+)", {
        "PUT": (store_artifact, {"tree", "tag", "iter", "object-uid"}),
        "GET": (get_artifact, {"tag", "iter", "tree", "object-uid", "uid", "format"}),
        "DELETE": (delete_artifact, {"key", "tag", "tree", "object-uid", "uid", "iter", "deletion_strategy"})}),
    ("v2", rf"/projects/{SEG}/artifacts", {"GET": (list_artifacts, {
        "name", "tag", "kind", "category", "label", "iter", "best-iteration", "tree", "producer_uri",
        "format", "limit", "since", "until"}),
        "DELETE": (delete_artifacts, {"name", "tag", "tree", "label", "limit", "days_ago"})}),
    ("v1", rf"/projects/{SEG}/tags/{SEG}", {"POST": (tag_operation, set()), "PUT": (tag_operation, set()),
                                            "DELETE": (tag_operation, set())}),
    ("v1", rf"/projects/{SEG}/schedules", {"POST": (create_schedule, set()),
                                           "GET": (list_schedules, {"name", "kind", "label", "labels",
                                                                    "include_last_run", "include-credentials"})}),
    ("v1", rf"/projects/{SEG}/schedules/{SEG}", {"DELETE": (delete_schedule, set()),
                                                 "PUT": (update_schedule, set()),
                                                 "GET": (get_schedule, {"include_last_run", "include-credentials"})}),
    ("v1", rf"/projects/{SEG}/workflows/{SEG}/submit", {"POST": (submit_workflow, set())}),
    ("v1", rf"/projects/{SEG}/files", {"GET": (read_files, {"path", "schema", "objpath", "size", "offset"})}),
    ("v1", r"/build/function/?", {"POST": (build_function, set())}),
    ("v1", r"/build/status/?", {"GET": (build_status, {
        "name", "project", "tag", "offset", "events_offset", "logs", "last_log_timestamp", "verbose"})}),
    ("v1", rf"/projects/{SEG}/nuclio/{SEG}/deploy", {
        "POST": (deploy_nuclio, set()),
        "GET": (deploy_status, {"name", "project", "tag", "last_log_timestamp", "verbose"})}),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log")
    parser.add_argument("--token")
    parser.add_argument("--faults")
    parser.add_argument("--files-root", help="serves /_files/NAME and s3://BUCKET/KEY data from here")
    parser.add_argument("--artifact-path", help="the default artifact path client-spec serves")
    parser.add_argument("--job-steps", type=int, default=3)
    parser.add_argument("--step-seconds", type=float, default=0.2)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    args.faults_rules = json.load(open(args.faults))["rules"] if args.faults else []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args)
    with open(args.port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))
    import os
    os.replace(args.port_file + ".tmp", args.port_file)
    # Bounded in time: a test that forgets to stop the server does not leave it running.
    timer = threading.Timer(args.max_seconds, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())

"""Run context of the native mlrun CLI: what MLRun handlers get as `context`.

Standard library only. Speaks MLRun's hand-off protocol: the run arrives as JSON in
MLRUN_EXEC_CONFIG; the finished run (MLRun's context form) is written as JSON to the file
named by MLRUN_META_TMPFILE. The native CLI records it in its store.
"""
import atexit
import datetime
import json
import os

# hashlib, shutil, tempfile, traceback, urllib and uuid are imported where used: a handler
# that does not need them should not pay for them at start.


def _new_uid():
    import uuid

    return uuid.uuid4().hex

_RESULT_TYPES = (str, int, float, bool, type(None))

_TEMP_MARK = ".mlrun-"


def _temporary_name(path):
    """`.<name>.mlrun-<pid>-<random>` beside `path`: the pid tells a live writer from a dead one."""
    import uuid

    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}{_TEMP_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}")


_cleaned = set()


def _clean_stale_temporaries(folder):
    """Removes partial copies left in `folder` by a writer that was killed (its pid is gone)."""
    import shutil

    folder = os.path.abspath(folder)
    if folder in _cleaned:
        return
    _cleaned.add(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.startswith(".") or _TEMP_MARK not in name:
            continue
        pid = name.rsplit(_TEMP_MARK, 1)[1].split("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # alive: a writer at work
        except ProcessLookupError:
            pass
        except OSError:
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


class _Digest:
    def __init__(self, hexdigest):
        self._hex = hexdigest

    def hexdigest(self):
        return self._hex


def _file_digest(path):
    """(size, sha1 hex) of a file, read in 1 MiB chunks."""
    import hashlib

    digest = hashlib.sha1()
    size = 0
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _folder_manifest(path):
    """{relative path: (size, sha1)} of every file under a folder."""
    manifest = {}
    for root, _, files in os.walk(path):
        for name in files:
            source = os.path.join(root, name)
            manifest[os.path.relpath(source, path)] = _file_digest(source)
    return manifest


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def _python_value(value):
    """numpy and pandas scalars as plain Python values (JSON-able)."""
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (ValueError, TypeError):
            pass
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _describe_dataframe(df, preview_rows=None, with_stats=None, bins=20):
    """What MLRun records of a pandas DataFrame: its table schema and header (the index
    included), a preview of its first rows and per-column statistics (describe(), and a
    histogram of each numeric column). Empty for anything that is not a DataFrame."""
    if not hasattr(df, "describe") or not hasattr(df, "reset_index"):
        return {}
    described = {}
    try:
        from pandas.io.json import build_table_schema

        described["schema"] = build_table_schema(df)
    except Exception:  # noqa: BLE001 - the schema is a description, never a failure
        pass
    with_index = df.reset_index()
    described["header"] = [str(c) for c in with_index.columns]
    described["header_original_length"] = len(described["header"])
    rows = 20 if preview_rows is None else preview_rows
    described["preview"] = [[_python_value(v) for v in row]
                            for row in with_index.head(rows).values.tolist()]
    if with_stats is False:
        return described
    try:
        import numpy

        stats = {}
        summary = df.describe(include="all")
        for column in summary.columns:
            values = {str(stat): _python_value(value) for stat, value in summary[column].dropna().items()}
            series = df[column].dropna()
            if str(series.dtype) != "bool" and numpy.issubdtype(series.dtype, numpy.number) and len(series):
                counts, edges = numpy.histogram(series, bins=bins)
                values["hist"] = [counts.tolist(), edges.tolist()]
            stats[str(column)] = values
        described["stats"] = stats
    except Exception:  # noqa: BLE001 - as above
        pass
    return described


def _yaml_scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = text and not text[0] in "-?:,[]{}#&*!|>'\"%@` " and ": " not in text and " #" not in text
    looks_typed = text.lower() in ("true", "false", "yes", "no", "null", "~", "on", "off")
    try:
        float(text)
        looks_typed = True
    except ValueError:
        pass
    if plain and not looks_typed and text == text.strip() and "\n" not in text:
        return text
    return "'" + text.replace("'", "''") + "'"


def _yaml_dump(value, indent=0):
    """Block YAML with sorted keys, as PyYAML's default dump writes simple documents."""
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for key in sorted(value):
            item = value[key]
            if isinstance(item, dict) and item:
                lines.append(f"{pad}{key}:\n" + _yaml_dump(item, indent + 1))
            elif isinstance(item, list) and item:
                lines.append(f"{pad}{key}:\n" + _yaml_dump(item, indent))
            else:
                empty = "{}" if isinstance(item, dict) else "[]" if isinstance(item, list) else None
                lines.append(f"{pad}{key}: {empty or _yaml_scalar(item)}\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)) and item:
                nested = _yaml_dump(item, indent + 1)
                lines.append(f"{pad}- " + nested.lstrip())
            else:
                lines.append(f"{pad}- {_yaml_scalar(item)}\n")
    return "".join(lines)


def _jsonable(value):
    """Results as MLRun stores them: JSON values; numpy scalars/arrays converted; others str()."""
    if isinstance(value, _RESULT_TYPES):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    for method in ("item", "tolist"):
        if hasattr(value, method):
            try:
                return _jsonable(getattr(value, method)())
            except Exception:
                pass
    return str(value)


class Logger:
    """MLRun's human log format: `> 2024-10-23 11:15:52,123 [info] message: {json}`."""

    _levels = {"debug": 10, "info": 20, "warning": 30, "error": 40}

    def __init__(self, level="info"):
        self._level = self._levels.get(str(level).lower(), 20)

    def _log(self, level, message, **fields):
        if self._levels[level] < self._level:
            return
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]
        line = f"> {stamp} [{level}] {message}"
        if fields:
            line += ": " + json.dumps(_jsonable(fields), sort_keys=True, separators=(",", ":"))
        print(line, flush=True)

    def debug(self, message, *args, **fields):
        self._log("debug", message, **fields)

    def info(self, message, *args, **fields):
        self._log("info", message, **fields)

    def warning(self, message, *args, **fields):
        self._log("warning", message, **fields)

    warn = warning

    def error(self, message, *args, **fields):
        self._log("error", message, **fields)

    def exception(self, message, *args, **fields):
        import traceback

        self._log("error", message + "\n" + traceback.format_exc(), **fields)


class DataItem:
    """An input: `local()` gives a local path, `get()` the bytes, `as_df()` a pandas frame."""

    def __init__(self, key, url):
        self.key = key
        self.url = url
        self._local = None

    def __str__(self):
        return self.url

    __repr__ = __str__

    @property
    def kind(self):
        return "file"

    def local(self):
        if self._local:
            return self._local
        url = self.url
        if url.startswith("file://"):
            url = url[len("file://"):]
        if url.startswith(("http://", "https://")):
            import shutil
            import tempfile
            import urllib.request

            suffix = os.path.splitext(url.split("?")[0])[1]
            handle, path = tempfile.mkstemp(suffix=suffix)
            os.close(handle)
            with urllib.request.urlopen(url) as response, open(path, "wb") as out:
                shutil.copyfileobj(response, out)
            url = path
        elif "://" in url:
            raise ValueError(f"input {self.key}: {url.split('://')[0]}:// data needs an MLRun API "
                             "server; only local paths, file:// and http(s):// are read locally")
        self._local = url
        return url

    def get(self, size=None, offset=0, encoding=None):
        with open(self.local(), "rb") as source:
            source.seek(offset)
            data = source.read(size if size is not None else -1)
        return data.decode(encoding) if encoding else data

    def open(self, mode="rb"):
        return open(self.local(), mode)

    def listdir(self):
        return os.listdir(self.local())

    def as_df(self, columns=None, df_module=None, format="", **kwargs):
        import pandas as pd  # a clear ImportError when pandas is missing

        path = self.local()
        kind = format or os.path.splitext(path)[1].lstrip(".").lower()
        if kind in ("parquet", "pq"):
            frame = pd.read_parquet(path, columns=columns, **kwargs)
        elif kind == "json":
            frame = pd.read_json(path, **kwargs)
        else:
            frame = pd.read_csv(path, **kwargs)
            if columns:
                frame = frame[columns]
        return frame


class MLClientCtx:
    """The subset of MLRun's MLClientCtx that handlers use, with the same names."""

    def __init__(self, run=None, meta_file=None):
        run = run or {}
        metadata = run.get("metadata", {}) or {}
        spec = run.get("spec", {}) or {}
        status = run.get("status", {}) or {}
        self._run = run
        self._meta_file = meta_file
        self.name = metadata.get("name") or "mlrun-run"
        self.uid = metadata.get("uid") or _new_uid()
        self.iteration = int(metadata.get("iteration") or 0)
        self.project = metadata.get("project") or os.environ.get("MLRUN_DEFAULT_PROJECT", "default")
        self.labels = dict(metadata.get("labels") or {})
        self.annotations = dict(metadata.get("annotations") or {})
        self.tag = metadata.get("tag", "")
        self._parameters = dict(spec.get("parameters") or {})
        self._inputs = {}
        in_path = spec.get("input_path") or ""
        for key, url in (spec.get("inputs") or {}).items():
            key = key.split(":")[0].strip()
            if in_path and "://" not in url and not os.path.isabs(url):
                url = os.path.join(in_path, url)
            self._inputs[key] = DataItem(key, url)
        self.handler = spec.get("handler", "")
        # The output path made absolute by the tool (spec.output_path keeps what was given).
        self.artifact_path = (os.environ.get("MLRUN_NATIVE_ARTIFACT_PATH") or spec.get("output_path")
                              or os.getcwd())
        self.in_path = in_path
        self._results = dict(status.get("results") or {})
        self._artifacts = {a.get("metadata", {}).get("key"): a for a in status.get("artifacts") or []}
        self._placed = set()  # paths this run wrote: the only ones it may replace
        self._state = "running"
        self._error = None
        self._start_time = status.get("start_time") or _now()
        self._commit = status.get("commit", "")
        self.labels.setdefault("host", os.uname().nodename)
        self.logger = Logger("debug" if spec.get("verbose") else os.environ.get("MLRUN_LOG_LEVEL", "info"))
        self._spec = spec

    # --- inputs and parameters
    @property
    def parameters(self):
        return dict(self._parameters)

    @property
    def inputs(self):
        return dict(self._inputs)

    @property
    def results(self):
        return dict(self._results)

    @property
    def artifacts(self):
        return list(self._artifacts.values())

    @property
    def out_path(self):
        return self.artifact_path

    def get_param(self, key, default=None):
        if key not in self._parameters:
            self._parameters[key] = default
            return default
        return self._parameters[key]

    def get_input(self, key, url=""):
        if key not in self._inputs:
            self._inputs[key] = DataItem(key, url or key)
        return self._inputs[key]

    def get_secret(self, key):
        inline = json.loads(os.environ.get("MLRUN_NATIVE_INLINE_SECRETS") or "{}")
        if key in inline:
            return inline[key]
        return os.environ.get(key) or os.environ.get("MLRUN_K8S_SECRET__" + key.upper())

    def get_project_param(self, key, default=None):
        return self._parameters.get(key, default)

    # --- outputs
    def set_label(self, key, value, replace=True):
        if replace or key not in self.labels:
            self.labels[key] = str(value)

    def set_annotation(self, key, value, replace=True):
        if replace or key not in self.annotations:
            self.annotations[key] = str(value)

    def log_result(self, key, value, commit=False):
        self._results[str(key)] = _jsonable(value)
        if commit:
            self.commit()

    def log_results(self, results, commit=False):
        if not isinstance(results, dict):
            raise ValueError("(multiple) results must be in the form of dict")
        for key, value in results.items():
            self.log_result(key, value)
        if commit:
            self.commit()

    def log_metric(self, key, value, timestamp=None, labels=None):
        self.log_result(key, value)

    def log_metrics(self, keyvals, timestamp=None, labels=None):
        self.log_results(keyvals)

    def log_iteration_results(self, best, summary, task):
        self._run.setdefault("status", {})["iterations"] = summary

    def _target(self, key, suffix, artifact_path=None, directory=False):
        base = artifact_path or self.artifact_path
        path = os.path.join(base, self.name, str(self.iteration), key + suffix)
        return path + ("/" if directory else "")

    def log_artifact(self, item, body=None, local_path=None, artifact_path=None, tag="", viewer=None,
                     target_path="", src_path=None, upload=None, labels=None, format=None, db_key=None,
                     **kwargs):
        import hashlib
        import shutil

        kind = kwargs.pop("kind", None) or "artifact"
        key = item if isinstance(item, str) else getattr(item, "key", str(item))
        if isinstance(item, dict):
            key = item.get("metadata", {}).get("key", key)
        local_path = local_path or src_path
        spec = {}
        if format:
            spec["format"] = format
        if viewer:
            spec["viewer"] = viewer
        is_dir = bool(local_path) and os.path.isdir(local_path)
        if is_dir and kind == "artifact":
            kind = "dir"
        if local_path and not os.path.exists(local_path) and body is None and not target_path:
            raise ValueError(f"Failed to log an artifact, file does not exists at path {local_path}")
        if target_path:
            if "://" not in target_path and not os.path.isabs(target_path):
                raise ValueError(f"target_path ({target_path}) param cannot be relative")
        else:
            suffix = ""
            if kind == "model":
                pass  # a model's target is its folder, <key>/, which holds its file
            elif local_path and not is_dir:
                name = os.path.basename(local_path)
                suffix = name[name.index("."):] if "." in name else ""
            elif format:
                suffix = "." + format
            target_path = self._target(key, suffix, artifact_path, directory=is_dir or kind == "model")
            if kind == "model" and local_path and not is_dir:
                target_path = os.path.join(target_path, os.path.basename(local_path))
        digest = hashlib.sha1()
        size = 0
        base = artifact_path or self.artifact_path
        if body is not None and "://" not in target_path:
            data = body.encode() if isinstance(body, str) else bytes(body)
            digest.update(data)
            size = len(data)
            target_path = self._place_file(target_path, base, lambda out: out.write(data), digest.hexdigest())
        elif local_path and is_dir:
            target_path = self._place_folder(target_path, base, local_path)[0]
        elif local_path and os.path.abspath(local_path) != os.path.abspath(target_path):
            def copy(out):
                with open(local_path, "rb") as source:
                    for chunk in iter(lambda: source.read(1 << 20), b""):
                        digest.update(chunk)
                        out.write(chunk)
            size = os.path.getsize(local_path)
            target_path = self._place_file(target_path, base, copy, None, digest)
            size = os.path.getsize(target_path)
        elif local_path:
            size, hexdigest = _file_digest(target_path)
            digest = _Digest(hexdigest)
        artifact = {
            "kind": kind,
            "metadata": {"key": key, "project": self.project, "iter": self.iteration, "tree": self.uid},
            "spec": dict(spec, target_path=target_path,
                         db_key=db_key or f"{self.name}_{key}",
                         producer={"kind": "run", "name": self.name,
                                   "uri": f"{self.project}/{self.uid}", "owner": self.labels.get("owner", "")}),
            "status": {"state": "created"},
        }
        if local_path:
            artifact["spec"]["src_path"] = local_path
        # A folder is recorded as MLRun records it: its target, no size, hash or file list.
        if not is_dir:
            artifact["spec"]["size"] = size
        if size and not is_dir:
            artifact["metadata"]["hash"] = digest.hexdigest()
        if tag:
            artifact["metadata"]["tag"] = tag
        if labels:
            artifact["metadata"]["labels"] = {k: str(v) for k, v in labels.items()}
        # A workflow step's artifacts belong to the workflow, as MLRun groups them: its id is
        # their tree, a label and part of the producer.
        workflow = self.labels.get("workflow", "")
        if workflow and self.labels.get("job-type") != "workflow-runner":
            artifact["metadata"]["tree"] = workflow
            artifact["metadata"].setdefault("labels", {})["workflow-id"] = workflow
            artifact["spec"]["producer"]["workflow"] = workflow
        for name, value in kwargs.items():
            if value is not None:
                artifact["spec"][name] = _jsonable(value)
        self._artifacts.pop(key, None)  # re-logging a key replaces it, and moves it last
        self._artifacts[key] = artifact
        return artifact

    # --- where artifact data goes. MLRun's path is `<artifact path>/<run name>/<iter>/<key>`,
    # shared by every run of one name. Data is written to a temporary file beside its target and
    # moved into place without replacing anything: when the path already holds other bytes
    # (an earlier run's, which its record still hashes), this run's data goes to its own path,
    # `<artifact path>/<run uid>/<run name>/<iter>/<key>` (what MLRun writes with an artifact path
    # ending in {{run.uid}}). Identical bytes are shared.

    def _own_path(self, target_path, base):
        relative = os.path.relpath(target_path.rstrip("/"), base) if base else target_path.rstrip("/")
        if relative.startswith(".."):
            base, relative = os.path.dirname(target_path.rstrip("/")), os.path.basename(target_path.rstrip("/"))
        own = os.path.join(base, self.uid, relative) if base else os.path.join(self.uid, relative)
        return own + ("/" if target_path.endswith("/") else "")

    def _place_file(self, target_path, base, write, hexdigest, digest=None):
        folder = os.path.dirname(target_path) or "."
        os.makedirs(folder, exist_ok=True)
        _clean_stale_temporaries(folder)
        temp = _temporary_name(target_path)
        try:
            with open(temp, "xb") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
            hexdigest = hexdigest or digest.hexdigest()
            final = self._claim_file(temp, target_path, base, hexdigest)
        finally:
            if os.path.lexists(temp):
                os.unlink(temp)
        return final

    def _claim_file(self, temp, target_path, base, hexdigest):
        if os.path.abspath(target_path) in self._placed:
            os.replace(temp, target_path)  # this run's own earlier copy of the key
            return target_path
        try:
            os.link(temp, target_path)  # atomic, and never replaces an existing file
            self._placed.add(os.path.abspath(target_path))
            return target_path
        except FileExistsError:
            pass
        except OSError:
            try:  # no hard links here: claim the name, then move the data over the empty claim
                os.close(os.open(target_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                os.replace(temp, target_path)
                self._placed.add(os.path.abspath(target_path))
                return target_path
            except FileExistsError:
                pass
        if os.path.isfile(target_path) and _file_digest(target_path)[1] == hexdigest:
            return target_path  # the same bytes: shared
        own = self._own_path(target_path, base)
        os.makedirs(os.path.dirname(own), exist_ok=True)
        os.replace(temp, own)
        self._placed.add(os.path.abspath(own))
        return own

    def _place_folder(self, target_path, base, local_path):
        import shutil

        parent = os.path.dirname(target_path.rstrip("/")) or "."
        os.makedirs(parent, exist_ok=True)
        _clean_stale_temporaries(parent)
        temp = _temporary_name(target_path.rstrip("/"))
        size = 0
        manifest = {}
        try:
            for root, _, files in os.walk(local_path):
                for name in sorted(files):
                    source = os.path.join(root, name)
                    relative = os.path.relpath(source, local_path)
                    destination = os.path.join(temp, relative)
                    os.makedirs(os.path.dirname(destination), exist_ok=True)
                    shutil.copyfile(source, destination)
                    manifest[relative] = _file_digest(destination)
                    size += manifest[relative][0]
            os.makedirs(temp, exist_ok=True)
            final = target_path
            if os.path.abspath(target_path) in self._placed:
                shutil.rmtree(target_path, ignore_errors=True)
            try:
                os.rename(temp, target_path.rstrip("/"))  # fails on a folder that holds anything
                self._placed.add(os.path.abspath(target_path))
            except OSError:
                if _folder_manifest(target_path) != manifest:
                    final = self._own_path(target_path, base)
                    if os.path.isdir(final):
                        shutil.rmtree(final)
                    os.makedirs(os.path.dirname(final.rstrip("/")), exist_ok=True)
                    os.rename(temp, final.rstrip("/"))
                    self._placed.add(os.path.abspath(final))
        finally:
            if os.path.lexists(temp):
                shutil.rmtree(temp, ignore_errors=True)
        extra_data = {relative: os.path.join(final, relative) for relative in manifest}
        return final, extra_data, size

    def log_dataset(self, key, df, tag="", local_path=None, artifact_path=None, upload=True, labels=None,
                    format="", preview=None, stats=None, db_key=None, target_path="", **kwargs):
        import tempfile

        format = format or "csv"
        handle, path = tempfile.mkstemp(suffix="." + format)
        os.close(handle)
        if format in ("parquet", "pq"):
            df.to_parquet(path)
        else:
            df.to_csv(path, index=False)
        described = _describe_dataframe(df, preview, stats)
        artifact = self.log_artifact(key, local_path=path, artifact_path=artifact_path, tag=tag,
                                     format=format, db_key=db_key, target_path=target_path, kind="dataset",
                                     schema=described.get("schema"),
                                     header=described.get("header") or [str(c) for c in getattr(df, "columns", [])],
                                     length=len(df))
        # As MLRun records a dataset: no src_path, hash or labels in the run's entry; the preview,
        # statistics and the header's length in its status.
        artifact["spec"].pop("src_path", None)
        artifact["metadata"].pop("hash", None)
        for name in ("preview", "stats", "header_original_length"):
            if described.get(name) is not None:
                artifact["status"][name] = described[name]
        os.unlink(path)
        return artifact

    def log_model(self, key, body=None, framework="", tag="", model_dir=None, model_file=None, algorithm=None,
                  metrics=None, parameters=None, artifact_path=None, upload=True, labels=None, inputs=None,
                  outputs=None, feature_vector=None, feature_weights=None, training_set=None, label_column=None,
                  extra_data=None, db_key=None, **kwargs):
        local = model_dir or model_file
        artifact = self.log_artifact(key, body=body, local_path=local, artifact_path=artifact_path, tag=tag,
                                     db_key=db_key, kind="model",
                                     model_file=os.path.basename(model_file) if model_file else None,
                                     framework=framework or None, algorithm=algorithm,
                                     metrics=metrics or None, parameters=parameters or None,
                                     extra_data=extra_data or None)
        # MLRun's layout: the model's folder <run>/<iter>/<key>/ is the target; it holds the model
        # file and model_spec.yaml, the model's description (its labels, with the framework, are
        # recorded there, not in the run's artifact entry).
        spec = artifact["spec"]
        spec.pop("src_path", None)
        target = spec.get("target_path", "")
        if model_file and not model_dir and "://" not in target:
            folder = os.path.dirname(target)
            spec["target_path"] = folder + "/"
            described = json.loads(json.dumps(artifact))
            all_labels = {k: str(v) for k, v in (labels or {}).items()}
            if framework:
                all_labels["framework"] = framework
            if all_labels:
                described["metadata"]["labels"] = all_labels
            described["spec"]["license"] = ""
            described["metadata"].pop("tag", None)
            with open(os.path.join(folder, "model_spec.yaml"), "w") as out:
                out.write(_yaml_dump(described))
        return artifact

    # --- state
    def set_state(self, execution_state=None, error=None, commit=True):
        if error:
            self._state = "error"
            self._error = str(error)
        elif execution_state and self._state != "error":
            self._state = execution_state
        if commit:
            self.commit()

    def mark_as_done(self):
        self.set_state("completed")

    @property
    def state(self):
        return self._state

    def to_dict(self):
        status = {"results": self._results, "start_time": self._start_time, "last_update": _now(),
                  "artifacts": list(self._artifacts.values())}
        if self._state != "completed":
            status["state"] = self._state
        if self._error:
            status["error"] = self._error
        if self._commit:
            status["commit"] = self._commit
        if "iterations" in self._run.get("status", {}):
            status["iterations"] = self._run["status"]["iterations"]
        spec = dict(self._spec)
        spec["parameters"] = self._parameters
        spec["outputs"] = sorted(set(spec.get("outputs") or []) | set(self._results))
        return {
            "kind": "run",
            "metadata": {"name": self.name, "uid": self.uid, "iteration": self.iteration, "project": self.project,
                         "labels": self.labels, "annotations": self.annotations},
            "spec": spec,
            "status": status,
        }

    def commit(self, message="", completed=False):
        if message:
            self._commit = message
        if completed and self._state == "running":
            self._state = "completed"
        path = self._meta_file or os.environ.get("MLRUN_META_TMPFILE")
        if not path:
            return
        text = json.dumps(self.to_dict(), default=str)  # dumps: the C encoder, unlike dump
        temp = path + ".tmp"
        with open(temp, "w") as out:
            out.write(text)
        os.replace(temp, path)
        self._committed_state = self._state


_context = None


def get_or_create_ctx(name="", event=None, spec=None, with_env=True, rundb="", project="",
                      upload_artifacts=False, labels=None):
    """The run context of this process: from MLRUN_EXEC_CONFIG when the CLI started us."""
    global _context
    if _context is not None:
        return _context
    run = spec
    if run is None and with_env and os.environ.get("MLRUN_EXEC_CONFIG"):
        run = json.loads(os.environ["MLRUN_EXEC_CONFIG"])
    if isinstance(run, str):
        run = json.loads(run)
    run = run or {"metadata": {"name": name or "mlrun-run", "uid": _new_uid(), "project": project}}
    if name and not run.get("metadata", {}).get("name"):
        run.setdefault("metadata", {})["name"] = name
    _context = MLClientCtx(run)
    for key, value in (labels or {}).items():
        _context.set_label(key, value)
    atexit.register(_finish)
    _context.commit()
    return _context


def _finish():
    # Scripts end here; the runner has already written the final state of handlers.
    if _context is not None and getattr(_context, "_committed_state", None) not in ("completed", "error"):
        _context.commit(completed=True)


def current_context():
    return _context


def set_current_context(context):
    global _context
    _context = context

"""The project side of the `mlrun` compatibility module: what workflow files call.

A workflow run by the native CLI's local engine gets an MlrunProject whose run_function() runs
each step as a real run of the native tool (`mlrun run -f FUNCTION --local ...`), labelled with
the workflow id, and returns a RunObject whose outputs (results and artifact store URIs) feed
later steps. Standard library only.
"""
import json
import os
import subprocess
import tempfile


class RunError(Exception):
    """A workflow step ended in error (MLRun raises mlrun.runtimes.utils.RunError)."""


class KfpNeededError(RuntimeError):
    """The workflow uses KFP DSL features the local engine cannot run."""


class _Attrs(dict):
    """A dict whose keys also read as attributes (run.status.state, project.spec.params)."""

    def __getattr__(self, name):
        try:
            value = self[name]
        except KeyError:
            raise AttributeError(name) from None
        return _Attrs(value) if isinstance(value, dict) and not isinstance(value, _Attrs) else value


class _Outputs(dict):
    def __init__(self, step, values):
        super().__init__(values)
        self._step = step

    def __missing__(self, key):
        known = ", ".join(sorted(self)) or "none"
        raise KeyError(f"step '{self._step}' has no output '{key}' (its outputs: {known})")


class RunObject:
    """The finished run of a step, as MLRun's RunObject shows it to pipeline code."""

    def __init__(self, data):
        self._data = data
        self.metadata = _Attrs(data.get("metadata") or {})
        self.spec = _Attrs(data.get("spec") or {})
        self.status = _Attrs(data.get("status") or {})

    @property
    def uid(self):
        return self.metadata.get("uid", "")

    @property
    def outputs(self):
        values = dict(self.status.get("results") or {})
        values.update(self.status.get("artifact_uris") or {})
        return _Outputs(self.metadata.get("name", ""), values)

    def output(self, key):
        return self.outputs.get(key)

    def state(self):
        return self.status.get("state", "")

    @property
    def error(self):
        return self.status.get("error", "")

    def artifact(self, key):
        return (self.status.get("artifact_uris") or {}).get(key)

    def after(self, *steps):
        """KFP ordering; the local engine runs steps in call order, so nothing to do."""
        return self

    def to_dict(self):
        return json.loads(json.dumps(self._data))

    def to_json(self):
        return json.dumps(self._data)

    def __repr__(self):
        return f"<RunObject {self.metadata.get('name', '')} uid={self.uid} state={self.state()}>"


class BuildStatus:
    def __init__(self, ready, outputs=None, function=None):
        self.ready = ready
        self.outputs = outputs or {}
        self.function = function

    def after(self, *steps):
        return self


def _kfp_needed(what):
    return KfpNeededError(
        f"{what} needs Kubeflow Pipelines: run this workflow with the kfp or remote engine "
        "(an MLRun API with KFP: --engine kfp or --engine remote)")


class _Function:
    """A project function as pipeline code sees it (funcs["name"], project.get_function)."""

    def __init__(self, project, entry):
        self._project = project
        self._entry = entry
        self.name = entry.get("name", "")
        spec = entry.get("spec") or {}
        self.kind = entry.get("kind") or spec.get("kind", "")
        self.metadata = _Attrs((spec.get("metadata") or {"name": self.name}))
        self.spec = _Attrs(spec.get("spec") or {"image": entry.get("image", "")})

    def run(self, handler=None, name="", params=None, inputs=None, **kwargs):
        return self._project.run_function(self, handler=handler, name=name, params=params,
                                          inputs=inputs, **kwargs)

    def as_step(self, *args, **kwargs):
        raise _kfp_needed(f"function '{self.name}'.as_step()")

    def deploy_step(self, *args, **kwargs):
        raise _kfp_needed(f"function '{self.name}'.deploy_step()")

    def apply(self, modifier):
        """Kubernetes modifiers (auto_mount, mount_v3io...) mean nothing for local steps."""
        return self

    def deploy(self, *args, **kwargs):
        raise RuntimeError(f"deploying function '{self.name}' needs an MLRun service "
                           "(serving/nuclio functions run there, not in the local engine)")

    def __repr__(self):
        return f"<function {self.name} kind={self.kind}>"


class _Functions(dict):
    def __init__(self, project):
        super().__init__()
        self._project = project
        for entry in project._spec.get("functions") or []:
            if entry.get("name"):
                self[entry["name"]] = _Function(project, entry)

    def __missing__(self, key):
        known = ", ".join(sorted(self)) or "none"
        raise KeyError(f"function '{key}' is not in project '{self._project.name}' "
                       f"(its functions: {known})")


def _modifier(*args, **kwargs):
    return lambda function: function


class MlrunProject:
    """The project of the running workflow (what mlrun.get_current_project() returns)."""

    def __init__(self, workflow):
        self._workflow = workflow
        project = workflow["project"]
        self._spec = project.get("spec") or {}
        self.metadata = _Attrs(project.get("metadata") or {})
        self.spec = _Attrs(self._spec)
        self.name = self.metadata.get("name", "")
        self.context = workflow["context"]
        self._functions = None
        self._steps = 0

    # --- parameters and paths
    @property
    def params(self):
        return self._spec.get("params") or {}

    def get_param(self, key, default=None):
        return self.params.get(key, default)

    @property
    def artifact_path(self):
        return self._workflow["artifact_path"]

    def get_artifact_uri(self, key, category="artifact", tag=None, iter=None):
        prefix = {"dataset": "datasets", "model": "models"}.get(category, "artifacts")
        uri = f"store://{prefix}/{self.name}/{key}"
        if iter:
            uri += f"#{iter}"
        if tag:
            uri += f":{tag}"
        return uri

    # --- functions
    @property
    def functions(self):
        if self._functions is None:
            self._functions = _Functions(self)
        return self._functions

    def get_function(self, key, sync=False, enrich=False, ignore_cache=False, copy_function=True,
                     tag=""):
        return self.functions[key]

    def func(self, key, sync=False):
        return self.functions[key]

    def list_functions(self, *args, **kwargs):
        return list(self.functions.values())

    # --- steps
    def run_function(self, function, handler=None, name="", params=None, hyperparams=None,
                     hyper_param_options=None, inputs=None, outputs=None, workdir="", labels=None,
                     base_task=None, watch=True, local=None, verbose=None, selector=None,
                     project_object=None, auto_build=None, schedule=None, artifact_path=None,
                     notifications=None, returns=None, builder_env=None, reset_on_run=None,
                     **kwargs):
        if schedule:
            raise RuntimeError("a step cannot be scheduled by the local engine "
                               "(schedules need an MLRun API)")
        if isinstance(function, _Function):
            function_name = function.name
        elif isinstance(function, str):
            function_name = function
            if "://" not in function and not function.endswith((".yaml", ".yml")):
                self.functions[function]  # unknown names fail here, naming the known ones
        else:
            raise TypeError("run_function() takes a project function's name (or funcs[name]); "
                            "functions built in the workflow code are not supported by the local "
                            "engine: add them to the project with set_function")
        task = {"kind": "run", "metadata": {}, "spec": {}}
        if base_task is not None:
            base = base_task.to_dict() if hasattr(base_task, "to_dict") else dict(base_task)
            task["metadata"].update(base.get("metadata") or {})
            task["spec"].update(base.get("spec") or {})
        metadata, spec = task["metadata"], task["spec"]
        if name:
            metadata["name"] = name
        if labels:
            metadata.setdefault("labels", {}).update(labels)
        if handler:
            spec["handler"] = handler if isinstance(handler, str) else handler.__name__
        if params:
            spec.setdefault("parameters", {}).update(params)
        if hyperparams:
            spec["hyperparams"] = hyperparams
        if hyper_param_options:
            options = hyper_param_options
            spec["hyper_param_options"] = options.to_dict() if hasattr(options, "to_dict") else options
        if inputs:
            spec.setdefault("inputs", {}).update({k: str(v) for k, v in inputs.items()})
        if outputs:
            spec["outputs"] = list(outputs)
        if returns:
            spec["returns"] = list(returns)
        if self._workflow.get("secrets"):
            spec.setdefault("secret_sources", []).extend(self._workflow["secrets"])
        spec["output_path"] = artifact_path or self.artifact_path
        return self._run_step(function_name, task, selector, workdir, verbose)

    def _run_step(self, function_name, task, selector, workdir, verbose):
        workflow = self._workflow
        self._steps += 1
        folder = tempfile.mkdtemp(prefix="mlrun-step-")
        task_file = os.path.join(folder, "task.json")
        result_file = os.path.join(folder, "run.json")
        with open(task_file, "w") as handle:
            json.dump(task, handle, default=str)
        command = [workflow["exe"], "run", "-f", function_name, "--local",
                   "--context", self.context, "--project", self.name,
                   "--workflow", workflow["id"], "--task", task_file,
                   "--result-file", result_file]
        if selector:
            command += ["--selector", selector]
        if workdir:
            command += ["--workdir", workdir]
        if verbose:
            command.append("--verbose")
        environment = dict(os.environ)
        for name in ("MLRUN_EXEC_CONFIG", "MLRUN_META_TMPFILE", "MLRUN_DBPATH"):
            environment.pop(name, None)
        if workflow.get("dbpath"):
            environment["MLRUN_DBPATH"] = workflow["dbpath"]
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        try:
            code = subprocess.call(command, env=environment, stdin=subprocess.DEVNULL)
            data = None
            if os.path.exists(result_file):
                with open(result_file) as handle:
                    data = json.load(handle)
        finally:
            for path in (task_file, result_file):
                if os.path.exists(path):
                    os.remove(path)
            os.rmdir(folder)
        if data is None:
            raise RunError(f"step {function_name} did not start (mlrun run exited with {code})")
        run = RunObject(data)
        if run.state() != "completed":
            raise RunError(f"step {run.metadata.get('name', function_name)} "
                           f"(run {run.uid}) ended {run.state()}: {run.error}")
        return run

    def build_function(self, function, *args, **kwargs):
        name = function.name if isinstance(function, _Function) else str(function)
        entry = self.functions.get(name)
        image = entry.spec.get("image", "") if entry is not None else ""
        print(f"> build_function({name}): skipped by the local engine, whose steps run on this "
              "machine's Python (use 'mlrun build' or an MLRun API to build images)", flush=True)
        return BuildStatus(True, {"image": image}, entry)

    def deploy_function(self, function, *args, **kwargs):
        name = function.name if isinstance(function, _Function) else str(function)
        raise RuntimeError(f"deploying function '{name}' needs an MLRun service "
                           "(serving/nuclio functions run there, not in the local engine)")

    def __repr__(self):
        return f"<MlrunProject {self.name}>"


_current = None


def _set_current(project):
    global _current
    _current = project


def get_current_project(silent=False):
    if _current is None and not silent:
        raise RuntimeError("no current project: this code runs inside a workflow started by "
                           "'mlrun project CONTEXT -r WORKFLOW'")
    return _current


def _project_or_fail(context="", name=""):
    project = get_current_project()
    if name and name != project.name:
        raise RuntimeError(f"project '{name}' is not the workflow's project ('{project.name}')")
    return project


def load_project(context="", url=None, name=None, *args, **kwargs):
    return _project_or_fail(context, name or "")


def get_or_create_project(name, context="./", *args, **kwargs):
    return _project_or_fail(context, name)


def run_function(function, *args, **kwargs):
    project = kwargs.pop("project_object", None) or get_current_project()
    return project.run_function(function, *args, **kwargs)


def build_function(function, *args, **kwargs):
    project = kwargs.pop("project_object", None) or get_current_project()
    return project.build_function(function, *args, **kwargs)


def deploy_function(function, *args, **kwargs):
    project = kwargs.pop("project_object", None) or get_current_project()
    return project.deploy_function(function, *args, **kwargs)


auto_mount = _modifier
mount_v3io = _modifier
mount_pvc = _modifier

"""Runs a project's workflow file for the native mlrun CLI's local engine (standard library only).

usage: mlrun_workflow.py COMPAT_DIR WORKFLOW_JSON

WORKFLOW_JSON holds the workflow id, name, file and handler, the project, its context, the
arguments, the artifact path and the native `mlrun` executable. The file is imported with the
compatibility `mlrun` module first on sys.path, its module globals `funcs`, `functions` and
`this_project` are set as MLRun sets them, and the handler is called with the arguments. Each
`run_function` call becomes a run of the native tool. A failure is reported through
MLRUN_META_TMPFILE and the exit code.
"""
import importlib.abc
import importlib.util
import json
import os
import sys


class _KfpStub(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """`kfp` when it is not installed: @dsl.pipeline works (it only names the pipeline); every
    other DSL feature raises a clear error instead of a bare ImportError."""

    def find_spec(self, fullname, path, target=None):
        if fullname == "kfp" or fullname.startswith("kfp."):
            return importlib.util.spec_from_loader(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        import _mlrun_native_project as native

        name = module.__name__

        def pipeline(*args, **kwargs):
            if len(args) == 1 and callable(args[0]) and not kwargs:
                return args[0]
            return lambda function: function

        def missing(attribute):
            if attribute.startswith("__"):
                raise AttributeError(attribute)
            if attribute == "pipeline" and name == "kfp.dsl":
                return pipeline
            if attribute == "dsl" and name == "kfp":
                return importlib.import_module("kfp.dsl")
            raise native._kfp_needed(f"{name}.{attribute}")

        module.__path__ = []
        module.__getattr__ = missing


def _kfp_installed():
    import importlib.machinery

    return importlib.machinery.PathFinder.find_spec("kfp") is not None


def _report(error):
    meta = os.environ.get("MLRUN_META_TMPFILE")
    if meta:
        with open(meta, "w") as handle:
            json.dump({"status": {"state": "error", "error": error}}, handle)


def _load(path):
    directory = os.path.dirname(os.path.abspath(path))
    sys.path.insert(0, directory)
    name = os.path.splitext(os.path.basename(path))[0] or "workflow"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    return module, spec


def main():
    compat_dir, workflow_file = sys.argv[1], sys.argv[2]
    sys.path.insert(0, compat_dir)
    for name in [n for n in sys.modules if n == "mlrun" or n.startswith("mlrun.")]:
        del sys.modules[name]
    with open(workflow_file) as handle:
        workflow = json.load(handle)
    if not _kfp_installed():
        sys.meta_path.insert(0, _KfpStub())

    import _mlrun_native_project as native

    project = native.MlrunProject(workflow)
    native._set_current(project)
    try:
        module, spec = _load(workflow["file"])
        module.funcs = project.functions
        module.functions = project.functions
        module.this_project = project
        spec.loader.exec_module(module)
        handler_name = workflow.get("handler") or ""
        if not handler_name:
            handler_name = "kfpipeline" if hasattr(module, "kfpipeline") else "pipeline"
        handler = getattr(module, handler_name, None)
        if handler is None or not callable(handler):
            message = f"workflow file {workflow['file']} has no handler '{handler_name}'"
            print(message, file=sys.stderr)
            _report(message)
            return 1
        handler(**workflow.get("arguments", {}))
    except (native.RunError, native.KfpNeededError) as error:
        print(f"Workflow {workflow['id']} run failed: {error}", file=sys.stderr)
        _report(str(error))
        return 1
    except Exception as error:
        import traceback

        traceback.print_exc()
        text = f"{type(error).__name__}: {error}"
        print(f"Workflow {workflow['id']} run failed: {text}", file=sys.stderr)
        _report(text)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

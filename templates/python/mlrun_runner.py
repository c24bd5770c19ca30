"""Runs an MLRun handler or script for the native mlrun CLI (standard library only).

usage: mlrun_runner.py COMPAT_DIR handler FILE HANDLER
       mlrun_runner.py COMPAT_DIR module MODULE.HANDLER
       mlrun_runner.py COMPAT_DIR script FILE [ARGS...]

The run arrives in MLRUN_EXEC_CONFIG; the finished run is written to MLRUN_META_TMPFILE.
COMPAT_DIR holds the fallback `mlrun` module, appended to sys.path so that an installed
`mlrun` package wins.
"""
import importlib
import importlib.util
import json
import os
import sys


def _bind(handler, context):
    """Handler arguments as MLRun binds them: `context`, inputs (DataItem), parameters, defaults."""
    import inspect

    params = context.parameters
    inputs = context.inputs
    args = {}
    signature = inspect.signature(handler)
    accepts_kwargs = False
    for name, parameter in signature.parameters.items():
        if parameter.kind == parameter.VAR_KEYWORD:
            accepts_kwargs = True
            continue
        if parameter.kind == parameter.VAR_POSITIONAL:
            continue
        if name == "context":
            args[name] = context
        elif name in inputs:
            plain_path = parameter.annotation is inspect.Parameter.empty and isinstance(parameter.default, str)
            args[name] = inputs[name].local() if plain_path else inputs[name]
        elif name in params:
            args[name] = params[name]
    if accepts_kwargs:
        for name, value in params.items():
            args.setdefault(name, value)
    return args


def _packaging(packager, value, artifact_type, instructions):
    return {"packager_name": packager, "object_type": f"{type(value).__module__}.{type(value).__qualname__}",
            "artifact_type": artifact_type, "instructions": instructions}


def _log_packed(context, key, value, artifact_type, file_format):
    """A returned value logged as MLRun's packagers log it: a list or dict as a json/yaml file,
    any object pickled, a DataFrame as a dataset, a str as a path; each with the
    unpackaging_instructions that tell MLRun how to read it back."""
    import tempfile

    from _mlrun_native_ctx import _yaml_dump

    folder = tempfile.mkdtemp()
    kind_name = type(value).__name__.capitalize()
    if artifact_type == "dataset" or (artifact_type == "" and hasattr(value, "to_csv")):
        fmt = file_format or "parquet"
        artifact = context.log_dataset(key, value, format=fmt)
        artifact["spec"]["unpackaging_instructions"] = _packaging("PandasDataFramePackager", value, "dataset", {})
    elif artifact_type == "path":
        path = os.path.abspath(str(value))
        artifact = context.log_artifact(key, local_path=path)
        artifact["spec"]["src_path"] = path
        artifact["spec"]["unpackaging_instructions"] = _packaging(
            "StrPackager", value, "path", {"is_directory": os.path.isdir(path)})
    elif artifact_type == "file":
        fmt = file_format or "json"
        path = os.path.join(folder, f"{key}.{fmt}")
        with open(path, "w") as out:
            out.write(_yaml_dump(value) if fmt in ("yaml", "yml") else json.dumps(value, indent=4))
        artifact = context.log_artifact(key, local_path=path)
        artifact["spec"]["unpackaging_instructions"] = _packaging(
            f"{kind_name}Packager", value, "file", {"file_format": fmt})
    else:  # object: pickled (the standard library's pickle; the same bytes as cloudpickle's)
        import pickle
        import platform

        path = os.path.join(folder, "obj.pkl")
        with open(path, "wb") as out:
            pickle.dump(value, out, protocol=5)
        artifact = context.log_artifact(key, local_path=path)
        artifact["spec"]["unpackaging_instructions"] = _packaging(
            f"{kind_name}Packager", value, "object",
            {"object_module_name": type(value).__module__, "pickle_module_name": "pickle",
             "python_version": platform.python_version(), "pickle_module_version": pickle.format_version})
    outputs = context._spec.setdefault("outputs", [])
    if key not in outputs:
        outputs.append(key)
    return artifact


def _log_returns(context, value, returns):
    if not returns:
        if value:  # MLRun logs a truthy return value as the result "return"
            context.log_result("return", value)
        return
    values = list(value) if isinstance(value, tuple) else [value]
    hints = []
    for hint in returns or []:
        if isinstance(hint, dict):
            hints.append((hint.get("key"), hint.get("artifact_type", ""), hint.get("file_format", "")))
        else:
            key, _, kind = str(hint).replace(" ", "").partition(":")
            hints.append((key, kind, ""))
    for index, item in enumerate(values):
        if index >= len(hints):
            break
        key, kind, file_format = hints[index]
        if kind == "model":
            context.log_model(key, model_file=str(item))
        elif kind in ("file", "path", "dataset", "object") or (kind == "" and hasattr(item, "to_csv")):
            _log_packed(context, key, item, kind, file_format)
        else:
            context.log_result(key, item)


class HandlerNotFound(Exception):
    """The handler named is not in the code: one line for the user, no traceback."""


def _load_handler(mode, target, handler_name):
    if mode == "module":
        # As MLRun imports it in its own process: from the working folder first.
        sys.path.insert(0, os.getcwd())
        module_name, _, function = target.rpartition(".")
        module = importlib.import_module(module_name)
        return getattr(module, function)
    directory = os.path.dirname(os.path.abspath(target))
    sys.path.insert(0, directory)
    name = os.path.splitext(os.path.basename(target))[0]
    spec = importlib.util.spec_from_file_location(name, target)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    if "::" in handler_name:
        class_name, _, method = handler_name.partition("::")
        return getattr(getattr(module, class_name)(), method)
    obj = module
    for part in handler_name.split("."):
        if not hasattr(obj, part):
            names = sorted(n for n, v in vars(module).items()
                           if callable(v) and not n.startswith("_")
                           and getattr(v, "__module__", None) == module.__name__)
            raise HandlerNotFound(f"handler '{handler_name}' not found in "
                                  f"{os.path.basename(target)} (it has: "
                                  f"{', '.join(names) or 'no functions'})")
        obj = getattr(obj, part)
    return obj


def main():
    compat_dir, mode = sys.argv[1], sys.argv[2]
    sys.path.append(compat_dir)
    import _mlrun_native_ctx as native

    context = native.get_or_create_ctx()
    context._state = "running"
    if mode == "script":
        import runpy

        script = sys.argv[3]
        sys.argv = [script] + sys.argv[4:]
        sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
        try:
            runpy.run_path(script, run_name="__main__")
        except SystemExit as exit:
            if exit.code not in (None, 0):
                raise
        return 0
    target = sys.argv[3]
    handler_name = sys.argv[4] if len(sys.argv) > 4 else ""
    try:
        handler = _load_handler(mode, target, handler_name)
    except HandlerNotFound as error:
        print(error, file=sys.stderr)
        context.set_state(error=str(error))
        return 1
    except Exception as error:
        import traceback

        traceback.print_exc()
        context.set_state(error=f"Failed on pre-loading / post-running of the function: {error}")
        return 1
    try:
        value = handler(**_bind(handler, context))
        _log_returns(context, value, context._spec.get("returns"))
        context.commit(completed=True)
    except Exception as error:
        import traceback

        traceback.print_exc()
        text = str(error) or repr(error)
        cause = error.__cause__
        while cause is not None:
            text += f", caused by: {cause}"
            cause = cause.__cause__
        if len(text) > 32000:
            text = text[:16000] + "...truncated..." + text[-16000:]
        context.set_state(error=text)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

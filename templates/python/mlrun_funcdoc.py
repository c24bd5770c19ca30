"""Describe the handlers of a Python file as MLRun's `spec.entry_points` (JSON on stdout).

Started by the native `mlrun` tool (`function show`, `project set-function`); reads the file
with the standard library's `ast` only, never importing it.

usage: python3 mlrun_funcdoc.py FILE
"""

import ast
import json
import re
import sys


def _source(node, text):
    if node is None:
        return ""
    segment = ast.get_source_segment(text, node)
    return segment if segment is not None else ast.unparse(node)


def _default(node, text):
    """A default as MLRun records it: the value itself when it is a literal (0.1 a number, not
    '0.1'), else its source text."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _source(node, text)
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return _source(node, text)  # a set, bytes, a complex number: as written
    return value


_PARAM = re.compile(r"^\s*:param\s+(?:(\S+)\s+)?(\w+)\s*:\s*(.*)$")
_TYPE = re.compile(r"^\s*:type\s+(\w+)\s*:\s*(.*)$")
_RETURNS = re.compile(r"^\s*:returns?\s*:\s*(.*)$")
_RTYPE = re.compile(r"^\s*:rtype\s*:\s*(.*)$")


def _parse_docstring(doc):
    """The summary, per-parameter docs/types and the return doc/type of an RST docstring."""
    summary, params, types, returns, rtype = [], {}, {}, "", ""
    current = None
    for line in (doc or "").splitlines():
        match = _PARAM.match(line)
        if match:
            kind, name, text = match.groups()
            params[name] = text.strip()
            if kind:
                types[name] = kind
            current = ("param", name)
            continue
        match = _TYPE.match(line)
        if match:
            types[match.group(1)] = match.group(2).strip()
            current = None
            continue
        match = _RETURNS.match(line)
        if match:
            returns = match.group(1).strip()
            current = ("returns", None)
            continue
        match = _RTYPE.match(line)
        if match:
            rtype = match.group(1).strip()
            current = None
            continue
        if current and line.strip():
            if current[0] == "param":
                params[current[1]] = (params[current[1]] + " " + line.strip()).strip()
            else:
                returns = (returns + " " + line.strip()).strip()
            continue
        if current is None and not params and not returns:
            summary.append(line)
    return "\n".join(summary).strip(), params, types, returns, rtype


def _describe(node, text):
    doc = ast.get_docstring(node) or ""
    summary, param_docs, param_types, return_doc, return_type = _parse_docstring(doc)
    args = node.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    parameters = []
    for arg, default in zip(positional, defaults):
        parameters.append((arg, default))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        parameters.append((arg, default))
    described = []
    for arg, default in parameters:
        entry = {"name": arg.arg}
        kind = _source(arg.annotation, text) or param_types.get(arg.arg, "")
        if kind:
            entry["type"] = kind
        if default is not None:  # a parameter without a default has no "default", as in MLRun
            entry["default"] = _default(default, text)
        if param_docs.get(arg.arg):
            entry["doc"] = param_docs[arg.arg]
        described.append(entry)
    output = {}
    kind = _source(node.returns, text) or return_type
    if kind:
        output["type"] = kind
    if return_doc:
        output["doc"] = return_doc
    info = {"name": node.name, "doc": summary, "parameters": described, "lineno": node.lineno,
            "has_varargs": args.vararg is not None, "has_kwargs": args.kwarg is not None}
    if output:
        info["outputs"] = [output]
    return info


def main(argv):
    if len(argv) != 2:
        print("usage: mlrun_funcdoc.py FILE", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        tree = ast.parse(text, filename=path)
    except SyntaxError as error:
        print(f"{path}:{error.lineno}:{error.offset}: invalid Python: {error.msg}", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    entry_points = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            entry_points[node.name] = _describe(node, text)
    json.dump(entry_points, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

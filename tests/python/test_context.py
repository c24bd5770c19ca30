"""The Python runtime the tool ships (templates/python), tested on its own with the standard
library's unittest: the run context handlers use (parameters, inputs, results, artifacts, models,
datasets, state, commit), DataItem, the YAML writer, the `mlrun` compatibility module and the
handler describer. Run by CTest (`python_runtime`); PYTHONPATH names templates/python."""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

import _mlrun_native_ctx as ctx_module
from _mlrun_native_ctx import DataItem, MLClientCtx, _yaml_dump

RUNTIME = os.path.dirname(os.path.abspath(ctx_module.__file__))

try:
    import pandas  # noqa: F401

    HAVE_PANDAS = True
except ImportError:
    HAVE_PANDAS = False


def run_object(folder, **spec):
    return {
        "metadata": {"name": "train", "uid": "u1", "project": "p", "labels": {"owner": "ana"}},
        "spec": dict({"parameters": {"lr": 0.1}, "output_path": folder}, **spec),
        "status": {},
    }


class Folder(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name
        self.addCleanup(self._tmp.cleanup)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, data):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb" if isinstance(data, bytes) else "w") as out:
            out.write(data)
        return path

    def context(self, **spec):
        with mock.patch.dict(os.environ, {"MLRUN_NATIVE_ARTIFACT_PATH": ""}):
            return MLClientCtx(run_object(self.path("art"), **spec), meta_file=self.path("meta.json"))


class ParametersAndResults(Folder):
    def test_parameters_with_defaults(self):
        context = self.context()
        self.assertEqual(context.get_param("lr"), 0.1)
        self.assertEqual(context.get_param("epochs", 3), 3)
        self.assertEqual(context.parameters["lr"], 0.1)
        self.assertEqual((context.name, context.uid, context.project), ("train", "u1", "p"))

    def test_results_are_recorded_as_json_values(self):
        context = self.context()
        context.log_result("accuracy", 0.9)
        context.log_results({"loss": 0.1, "steps": 3})
        context.log_result("when", object)  # not JSON: recorded as its text
        results = context.to_dict()["status"]["results"]
        self.assertEqual(results["accuracy"], 0.9)
        self.assertEqual(results["steps"], 3)
        self.assertIsInstance(results["when"], str)
        self.assertEqual(context.to_dict()["spec"]["outputs"], ["accuracy", "loss", "steps", "when"])

    def test_labels_and_annotations(self):
        context = self.context()
        context.set_label("team", "ml")
        context.set_annotation("note", "x")
        document = context.to_dict()
        self.assertEqual(document["metadata"]["labels"]["team"], "ml")
        self.assertEqual(document["metadata"]["annotations"]["note"], "x")
        self.assertIn("host", document["metadata"]["labels"])


class Inputs(Folder):
    def test_data_item_reads_local_files(self):
        path = self.write("data.csv", b"a,b\n1,2\n")
        context = self.context(inputs={"data": path})
        item = context.get_input("data")
        self.assertEqual(item.local(), path)
        self.assertEqual(item.get(), b"a,b\n1,2\n")
        self.assertEqual(item.get(size=3, offset=1, encoding="utf-8"), ",b\n")
        with item.open() as stream:
            self.assertEqual(stream.read(1), b"a")
        self.assertEqual(str(item), path)

    def test_input_path_prefixes_relative_inputs(self):
        self.write("in/data.csv", "x\n")
        context = self.context(inputs={"data": "data.csv"}, input_path=self.path("in"))
        self.assertEqual(context.get_input("data").local(), self.path("in", "data.csv"))

    def test_remote_schemes_need_a_server(self):
        with self.assertRaisesRegex(ValueError, "s3:// data needs an MLRun API"):
            DataItem("data", "s3://bucket/x.csv").local()

    @unittest.skipUnless(HAVE_PANDAS, "pandas is not installed")
    def test_as_df(self):
        path = self.write("data.csv", "a,b\n1,2\n")
        self.assertEqual(list(DataItem("data", path).as_df().columns), ["a", "b"])


class Artifacts(Folder):
    def test_body_is_written_under_run_name_and_iteration(self):
        context = self.context()
        artifact = context.log_artifact("notes", body="hello", format="txt")
        target = artifact["spec"]["target_path"]
        self.assertEqual(target, self.path("art", "train", "0", "notes.txt"))
        with open(target) as written:
            self.assertEqual(written.read(), "hello")
        self.assertEqual(artifact["spec"]["size"], 5)
        self.assertEqual(artifact["metadata"]["hash"], hashlib.sha1(b"hello").hexdigest())
        self.assertEqual(artifact["spec"]["db_key"], "train_notes")
        self.assertEqual(artifact["spec"]["producer"]["uri"], "p/u1")
        self.assertEqual(context.to_dict()["status"]["artifacts"], [artifact])

    def test_a_file_is_copied_and_another_runs_bytes_never_replaced(self):
        source = self.write("model.bin", b"one")
        first = self.context().log_artifact("m", local_path=source)
        self.write("model.bin", b"two")
        other = MLClientCtx(dict(run_object(self.path("art")), metadata={"name": "train", "uid": "u2",
                                                                          "project": "p"}))
        second = other.log_artifact("m", local_path=source)
        self.assertNotEqual(first["spec"]["target_path"], second["spec"]["target_path"])
        with open(first["spec"]["target_path"], "rb") as kept:
            self.assertEqual(kept.read(), b"one")
        self.assertIn("u2", second["spec"]["target_path"])

    def test_a_missing_file_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "does not exists"):
            self.context().log_artifact("m", local_path=self.path("nope.bin"))

    def test_relative_target_path_is_refused(self):
        with self.assertRaisesRegex(ValueError, "cannot be relative"):
            self.context().log_artifact("m", body="x", target_path="rel/x.txt")

    def test_a_folder_is_logged_whole(self):
        self.write("bundle/a.txt", "a")
        self.write("bundle/sub/b.txt", "b")
        artifact = self.context().log_artifact("bundle", local_path=self.path("bundle"))
        self.assertEqual(artifact["kind"], "dir")
        target = artifact["spec"]["target_path"].rstrip("/")
        self.assertTrue(os.path.isfile(os.path.join(target, "sub", "b.txt")))
        self.assertNotIn("size", artifact["spec"])

    def test_model_folder_holds_the_file_and_model_spec(self):
        source = self.write("model.pkl", b"weights")
        artifact = self.context().log_model("clf", model_file=source, framework="sklearn",
                                            metrics={"acc": 0.9}, labels={"stage": "dev"})
        folder = artifact["spec"]["target_path"]
        self.assertTrue(folder.endswith("/clf/"))
        self.assertTrue(os.path.isfile(os.path.join(folder, "model.pkl")))
        with open(os.path.join(folder, "model_spec.yaml")) as spec:
            text = spec.read()
        self.assertIn("framework: sklearn", text)
        self.assertIn("  acc: 0.9", text)
        self.assertIn("license: ''", text)
        self.assertEqual(artifact["kind"], "model")
        self.assertEqual(artifact["spec"]["model_file"], "model.pkl")

    @unittest.skipUnless(HAVE_PANDAS, "pandas is not installed")
    def test_dataset_schema_preview_and_stats(self):
        import pandas as pd

        artifact = self.context().log_dataset("table", pd.DataFrame({"x": [1, 2, 3]}))
        self.assertEqual(artifact["kind"], "dataset")
        self.assertIn("schema", artifact["spec"])
        self.assertEqual(len(artifact["status"]["preview"]), 3)
        self.assertIn("x", artifact["status"]["stats"])

    def test_a_workflow_steps_artifacts_belong_to_the_workflow(self):
        context = self.context()
        context.set_label("workflow", "wf1")
        artifact = context.log_artifact("notes", body="x")
        self.assertEqual(artifact["metadata"]["tree"], "wf1")
        self.assertEqual(artifact["metadata"]["labels"]["workflow-id"], "wf1")
        self.assertEqual(artifact["spec"]["producer"]["workflow"], "wf1")


class StateAndCommit(Folder):
    def test_commit_writes_the_run_atomically(self):
        context = self.context()
        context.log_result("x", 1)
        context.commit()
        with open(self.path("meta.json")) as meta:
            document = json.load(meta)
        self.assertEqual(document["status"]["results"], {"x": 1})
        self.assertEqual(document["status"]["state"], "running")
        self.assertFalse(os.path.exists(self.path("meta.json.tmp")))

    def test_an_error_stays_an_error(self):
        context = self.context()
        context.set_state(error="boom", commit=False)
        context.set_state("completed", commit=False)
        self.assertEqual(context.state, "error")
        self.assertEqual(context.to_dict()["status"]["error"], "boom")

    def test_completed_is_written_as_mlrun_writes_it(self):
        context = self.context()
        context.mark_as_done()
        self.assertNotIn("state", context.to_dict()["status"])

    def test_get_or_create_ctx_reads_the_cli_config(self):
        config = json.dumps(run_object(self.path("art")))
        with mock.patch.dict(os.environ, {"MLRUN_EXEC_CONFIG": config, "MLRUN_META_TMPFILE": ""}), \
                mock.patch.object(ctx_module, "_context", None), mock.patch("atexit.register"):
            context = ctx_module.get_or_create_ctx("ignored")
            self.assertEqual(context.uid, "u1")
            self.assertIs(ctx_module.get_or_create_ctx("again"), context)


class YamlWriter(unittest.TestCase):
    def test_block_yaml_with_sorted_keys_and_quoted_scalars(self):
        text = _yaml_dump({"b": {"y": [1, "two"], "x": {}}, "a": "true", "c": None, "d": "1.5",
                           "e": "plain text", "f": "a: b"})
        self.assertEqual(text, "a: 'true'\n"
                               "b:\n"
                               "  x: {}\n"
                               "  y:\n"
                               "  - 1\n"
                               "  - two\n"
                               "c: null\n"
                               "d: '1.5'\n"
                               "e: plain text\n"
                               "f: 'a: b'\n")


class CompatibilityModule(unittest.TestCase):
    def test_the_mlrun_module_gives_handlers_what_they_import(self):
        import mlrun

        self.assertTrue(mlrun.NATIVE_COMPAT)
        self.assertIs(mlrun.MLClientCtx, MLClientCtx)
        self.assertTrue(callable(mlrun.get_or_create_ctx))
        self.assertEqual(mlrun.get_version(), mlrun.__version__)
        with mock.patch.dict(os.environ, {"MLRUN_DBPATH": "http://x"}):
            self.assertEqual(mlrun.mlconf.dbpath, "http://x")


class HandlerDescriber(Folder):
    def describe(self, code):
        path = self.write("handlers.py", code)
        result = subprocess.run([sys.executable, os.path.join(RUNTIME, "mlrun_funcdoc.py"), path],
                                capture_output=True, text=True, timeout=60)
        return result

    def test_entry_points_with_typed_defaults_and_docs(self):
        result = self.describe('def train(context, lr: float = 0.1, name="x", *args, **kw):\n'
                               '    """Train it.\n\n    :param lr: learning rate\n    """\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        train = json.loads(result.stdout)["train"]
        self.assertEqual(train["doc"], "Train it.")
        params = {p["name"]: p for p in train["parameters"]}
        self.assertEqual(params["lr"]["default"], 0.1)  # a number, not '0.1'
        self.assertEqual(params["lr"]["type"], "float")
        self.assertEqual(params["lr"]["doc"], "learning rate")
        self.assertTrue(train["has_varargs"])
        self.assertTrue(train["has_kwargs"])

    def test_invalid_python_is_reported_with_its_line(self):
        result = self.describe("def broken(:\n")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("handlers.py:1:", result.stderr)


if __name__ == "__main__":
    unittest.main()

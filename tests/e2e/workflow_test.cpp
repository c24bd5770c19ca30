// `mlrun project CONTEXT -r WORKFLOW` with the local engine through the built binary: steps
// as tracked runs, outputs passed between steps, project parameters, arguments with a schema,
// failures and timeouts as exit 1, the summary, and `get workflows` / `runs list --workflow`.

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using Json = nlohmann::json;

namespace {

// A project `calc` with one code file of handlers and the given workflow files.
void write_calc_project(const Mlrun& mlrun)
{
    mlrun.home().write("calc/project.yaml", R"(kind: project
metadata:
  name: calc
spec:
  params:
    factor: 3
  functions:
  - name: math
    url: src/steps.py
    kind: job
    image: mlrun/mlrun
  - name: slow
    url: src/steps.py
    kind: job
    handler: sleep
  workflows:
  - name: two
    path: src/two.py
  - name: three
    path: ./src/three.py
    engine: local
    handler: run_three
    args_schema:
    - name: x
      type: int
      required: true
      doc: the starting value
    - name: mode
      type: str
      default: add
      choices: [add, sub]
  - name: failing
    path: src/failing.py
  - name: slow
    path: src/slow.py
  - name: ci
    path: src/ci.py
)");
    mlrun.home().write("calc/src/steps.py", R"(import time


def scale(context, x: int = 1, factor: int = 1):
    context.log_result("y", x * factor)


def add(context, y: int = 0, z: int = 0, mode: str = "add"):
    context.log_result("total", y + z if mode == "add" else y - z)


def write(context, n: int = 3):
    path = context.artifact_path + "/numbers.txt"
    import os
    os.makedirs(context.artifact_path, exist_ok=True)
    with open(path, "w") as handle:
        handle.write("\n".join(str(i) for i in range(n)))
    context.log_artifact("numbers", local_path=path)


def count(context, numbers=None):
    context.log_result("lines", len(numbers.get().decode().splitlines()))


def boom(context):
    raise ValueError("step exploded")


def sleep(context, seconds: int = 60):
    time.sleep(seconds)
)");
    mlrun.home().write("calc/src/two.py", R"(import mlrun


def pipeline(x: int = 1):
    project = mlrun.get_current_project()
    scaled = project.run_function("math", handler="scale", name="scale",
                                  params={"x": x, "factor": project.get_param("factor")})
    funcs["math"].run(handler="add", name="add", params={"y": scaled.outputs["y"], "z": 10})
)");
    mlrun.home().write("calc/src/three.py", R"(from mlrun import run_function


def run_three(x, mode):
    written = run_function("math", handler="write", name="write", params={"n": x})
    counted = run_function("math", handler="count", name="count",
                           inputs={"numbers": written.outputs["numbers"]})
    this_project.run_function("math", handler="add", name="add",
                              params={"y": counted.outputs["lines"], "z": 1, "mode": mode})
)");
    mlrun.home().write("calc/src/failing.py", R"(import mlrun


def pipeline():
    project = mlrun.get_current_project()
    project.run_function("math", handler="scale", name="first", params={"x": 2})
    project.run_function("math", handler="boom", name="second")
    project.run_function("math", handler="scale", name="never", params={"x": 3})
)");
    mlrun.home().write("calc/src/slow.py", R"(import mlrun


def pipeline():
    mlrun.get_current_project().run_function("slow", name="sleeper", params={"seconds": 60})
)");
    mlrun.home().write("calc/src/ci.py", R"(import mlrun


def pipeline():
    project = mlrun.get_current_project()
    project.run_function("math", handler="add", name="commit",
                         params={"y": 1, "z": 1, "mode": project.get_param("commit_id")})
)");
}

Json runs_of(const Mlrun& mlrun, const std::string& workflow_id)
{
    auto result = mlrun({"runs", "list", "-p", "calc", "--workflow", workflow_id, "--sort",
                         "oldest", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    return Json::parse(result.out)["runs"];
}

}  // namespace

TEST_CASE("e2e workflow: two steps, one step's result is the next one's parameter")
{
    Mlrun mlrun;
    write_calc_project(mlrun);
    auto result = mlrun({"project", "calc", "-r", "two", "-a", "x=4"});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Running workflow two file: src/two.py") != std::string::npos);
    CHECK(result.out.find("state=Succeeded") != std::string::npos);
    // The summary table: each step with its state and results.
    CHECK(result.out.find("y=12") != std::string::npos);
    CHECK(result.out.find("total=22") != std::string::npos);

    result = mlrun({"get", "workflows", "-p", "calc", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto workflows = Json::parse(result.out)["workflows"];
    REQUIRE(workflows.size() == 1);
    CHECK(workflows[0]["name"] == "two");
    CHECK(workflows[0]["state"] == "Succeeded");
    CHECK(workflows[0]["arguments"] == Json{{"x", 4}});
    const auto id = workflows[0]["id"].get<std::string>();
    CHECK(id.size() == 32);

    const auto runs = runs_of(mlrun, id);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0]["metadata"]["name"] == "scale");
    CHECK(runs[0]["metadata"]["labels"]["workflow"] == id);
    CHECK(runs[0]["spec"]["parameters"] == Json{{"x", 4}, {"factor", 3}});
    CHECK(runs[1]["metadata"]["name"] == "add");
    CHECK(runs[1]["spec"]["parameters"]["y"] == 12);
    CHECK(runs[1]["status"]["results"]["total"] == 22);
    // MLRun's default artifact path for workflows: <artifact path>/{{workflow.uid}}.
    CHECK(runs[0]["spec"]["output_path"].get<std::string>().ends_with("calc/artifacts/" + id));

    // The workflow on its own, with its steps.
    result = mlrun({"get", "workflows", id, "-p", "calc"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("state=Succeeded") != std::string::npos);
    CHECK(result.out.find("total=22") != std::string::npos);
    result = mlrun({"get", "workflows", runs[0]["metadata"]["uid"], "-p", "calc"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("is not a workflow run") != std::string::npos);
    // Its log holds the steps' output.
    result = mlrun({"logs", id, "-p", "calc"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Run execution finished") != std::string::npos);
}

TEST_CASE("e2e workflow: three steps passing an artifact, args_schema, --output json")
{
    Mlrun mlrun;
    write_calc_project(mlrun);
    // A required argument missing, a wrong type, a value outside the choices: nothing runs.
    auto result = mlrun({"project", "calc", "-r", "three"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("Workflow argument(s) x are required and were not specified") !=
          std::string::npos);
    result = mlrun({"project", "calc", "-r", "three", "-a", "x=many"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("workflow argument x=\"many\" is not of type int") != std::string::npos);
    result = mlrun({"project", "calc", "-r", "three", "-a", "x=5", "-a", "mode=mul"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("is not one of [\"add\",\"sub\"]") != std::string::npos);
    result = mlrun({"runs", "list", "-p", "calc", "--output", "json"});
    CHECK(Json::parse(result.out)["runs"].empty());

    result = mlrun(
        {"project", "calc", "-r", "three", "-a", "x=5", "-a", "mode=sub", "--output", "json"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto summary = Json::parse(result.out);  // stdout is the document only
    CHECK(summary["kind"] == "workflow");
    CHECK(summary["name"] == "three");
    CHECK(summary["state"] == "Succeeded");
    CHECK(summary["arguments"] == Json{{"x", 5}, {"mode", "sub"}});
    REQUIRE(summary["steps"].size() == 3);
    CHECK(summary["steps"][0]["name"] == "write");
    const auto numbers = summary["steps"][0]["outputs"]["numbers"].get<std::string>();
    CHECK(numbers.starts_with("store://artifacts/calc/write_numbers"));
    CHECK(summary["steps"][1]["results"]["lines"] == 5);
    CHECK(summary["steps"][2]["results"]["total"] == 4);
    for (const auto& step : summary["steps"]) {
        CHECK(step["state"] == "completed");
        CHECK(step["duration"].get<double>() >= 0);
    }
    // The artifact was written under the workflow's folder and read by the next step.
    const auto id = summary["id"].get<std::string>();
    CHECK(std::filesystem::exists(mlrun.home().path() / "calc/artifacts" / id / "numbers.txt"));
    const auto runs = runs_of(mlrun, id);
    const auto input = runs[1]["spec"]["inputs"]["numbers"].get<std::string>();
    CHECK(input.find("/calc/artifacts/" + id + "/") != std::string::npos);
    CHECK(input.ends_with("numbers.txt"));
    // The step's artifact belongs to the workflow, as MLRun groups it: the workflow id is its
    // tree, a label and part of its producer; its URI names that tree.
    CHECK(numbers.ends_with("@" + id));
    result = mlrun({"artifacts", "list", "-p", "calc", "--tree", id, "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto artifacts = Json::parse(result.out)["artifacts"];
    REQUIRE(artifacts.size() == 1);
    CHECK(artifacts[0]["metadata"]["labels"]["workflow-id"] == id);
    CHECK(artifacts[0]["spec"]["producer"]["workflow"] == id);
    CHECK(artifacts[0]["spec"]["producer"]["uri"] ==
          "calc/" + runs[0]["metadata"]["uid"].get<std::string>());
}

TEST_CASE("e2e workflow: a failing step fails the workflow with exit 1")
{
    Mlrun mlrun;
    write_calc_project(mlrun);
    auto result = mlrun({"project", "calc", "-r", "failing"});
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("finished with 1 errors, state=Failed") != std::string::npos);
    CHECK(result.err.find("step exploded") != std::string::npos);
    result = mlrun({"get", "workflows", "-p", "calc", "--output", "json"});
    const auto workflow = Json::parse(result.out)["workflows"][0];
    CHECK(workflow["state"] == "Failed");
    CHECK(workflow["error"].get<std::string>().find("second") != std::string::npos);
    const auto runs = runs_of(mlrun, workflow["id"]);
    REQUIRE(runs.size() == 2);  // the step after the failing one never ran
    CHECK(runs[0]["status"]["state"] == "completed");
    CHECK(runs[1]["status"]["state"] == "error");
}

TEST_CASE("e2e workflow: --timeout stops the workflow and its running step")
{
    Mlrun mlrun;
    write_calc_project(mlrun);
    const auto start = std::chrono::steady_clock::now();
    auto result = mlrun({"project", "calc", "-r", "slow", "--timeout", "2"});
    const auto elapsed = std::chrono::steady_clock::now() - start;
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("did not finish within 2 s") != std::string::npos);
    CHECK(elapsed < std::chrono::seconds{50});  // the 60 s step did not run to its end
    result = mlrun({"get", "workflows", "-p", "calc", "--output", "json"});
    const auto workflow = Json::parse(result.out)["workflows"][0];
    CHECK(workflow["state"] == "Aborted");
    const auto runs = runs_of(mlrun, workflow["id"]);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0]["status"]["state"] == "aborted");
}

TEST_CASE("e2e workflow: CI commit, workflow files, KFP-only code, engines and bad input")
{
    Mlrun mlrun;
    write_calc_project(mlrun);
    // The CI's commit becomes the project parameter commit_id, which steps can read.
    auto result = mlrun({"project", "calc", "-r", "ci", "--no-save"}, {{"CI_COMMIT_SHA", "sub"}});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("total=0") != std::string::npos);

    // Notifications: console ones are printed, the others say they were not sent; a malformed
    // one is refused before anything runs.
    result = mlrun({"project", "calc", "-r", "ci", "--no-save", "-nt", R"({"console": {}})",
                    "--notifications", R"({"slack": {"webhook": "https://hooks.example"}})"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.find("finished, state=Succeeded") != std::string::npos);
    CHECK(result.out.find("notification 'slack' not sent") != std::string::npos);
    result = mlrun({"project", "calc", "-r", "ci", "--no-save", "-nt", "{bad"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("invalid --notification") != std::string::npos);
    CHECK(result.out.find("Running workflow") == std::string::npos);

    // A .py file given to -r, with a handler chosen by --handler.
    mlrun.home().write("flows/extra.py", "import mlrun\n\ndef main(x=2):\n"
                                         "    mlrun.run_function('math', handler='scale', "
                                         "params={'x': x, 'factor': 5})\n");
    result = mlrun({"project", "calc", "-r", "flows/extra.py", "--handler", "main", "--no-save"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("y=10") != std::string::npos);

    // The KFP DSL beyond @dsl.pipeline needs Kubeflow.
    mlrun.home().write("flows/cond.py", "from kfp import dsl\n\n@dsl.pipeline(name='c')\n"
                                        "def pipeline():\n    with dsl.Condition(True):\n"
                                        "        pass\n");
    result = mlrun({"project", "calc", "-r", "flows/cond.py", "--no-save"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("kfp.dsl.Condition needs Kubeflow Pipelines: run this workflow with the "
                          "kfp or remote engine") != std::string::npos);

    // Engines that need an MLRun API, schedules, unknown workflows and functions.
    result = mlrun({"project", "calc", "-r", "two", "--engine", "kfp", "--no-save"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("the kfp workflow engine needs an MLRun API") != std::string::npos);
    result = mlrun({"project", "calc", "-r", "two", "--engine", "argo", "--no-save"});
    CHECK(result.exit_code == 2);
    result = mlrun({"project", "calc", "-r", "two", "--schedule", "0 * * * *", "--no-save"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("cannot be scheduled") != std::string::npos);
    result = mlrun({"project", "calc", "-r", "nope", "--no-save"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("workflow 'nope' is not in project 'calc'") != std::string::npos);
    mlrun.home().write("flows/unknown.py", "import mlrun\n\ndef pipeline():\n"
                                           "    mlrun.run_function('nosuch')\n");
    result = mlrun({"project", "calc", "-r", "flows/unknown.py", "--no-save"});
    CHECK(result.exit_code == 1);
    CHECK(
        result.err.find("function 'nosuch' is not in project 'calc' (its functions: math, slow)") !=
        std::string::npos);
    result = mlrun({"project", "calc", "-r", "flows/missing.py", "--no-save"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("does not exist") != std::string::npos);
}

TEST_CASE("e2e workflow: the multi-step project template runs as created")
{
    Mlrun mlrun;
    REQUIRE(mlrun({"project", "create", "wp", "--template", "workflow"}).exit_code == 0);
    auto result = mlrun({"project", "wp", "-r", "main", "-a", "rows=40", "--output", "json"},
                        {{"GITHUB_SHA", "0123abc"}});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto summary = Json::parse(result.out);
    REQUIRE(summary["steps"].size() == 3);
    CHECK(summary["steps"][0]["results"]["rows"] == 40);
    const auto kept = summary["steps"][1]["results"]["kept"].get<int>();
    CHECK(kept > 0);
    CHECK(kept <= 40);
    CHECK(summary["steps"][2]["results"]["count"] == kept);
}

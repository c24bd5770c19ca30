// The project lint: each problem at the line and column it is about.

#include <doctest/doctest.h>

#include "lib/project/validate.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun;

namespace {

std::vector<std::string> lint(const test::TempDir& dir, const std::string& name = "project.yaml")
{
    std::vector<std::string> lines;
    for (const auto& problem : project::validate_file(dir / name, dir.path())) {
        lines.push_back(problem.to_string().substr(dir.path().string().size() + 1));
    }
    return lines;
}

}  // namespace

TEST_CASE("validate: a sound project has no problems")
{
    test::TempDir dir;
    dir.write("src/train.py", "import os\n\ndef train(context, lr=0.1):\n    pass\n");
    dir.write("src/flow.py", "async def pipeline(x=1):\n    pass\n");
    dir.write("project.yaml", R"(kind: project
metadata:
  name: good
spec:
  functions:
  - name: trainer
    url: src/train.py
    handler: train
  - name: server
    kind: serving
    image: mlrun/mlrun
  - name: describe
    url: hub://describe
  workflows:
  - name: main
    path: ./src/flow.py
    engine: local
  artifacts:
  - kind: artifact
    metadata: {key: data}
    spec: {target_path: s3://b/data.csv}
)");
    CHECK(lint(dir).empty());
}

TEST_CASE("validate: every problem with its position")
{
    test::TempDir dir;
    dir.write("src/train.py", "def train(context):\n    pass\n");
    dir.write("project.yaml", R"(kind: project
metadata:
  name: Bad_Name
spec:
  functions:
  - name: trainer
    url: src/train.py
    handler: fit
  - name: Trainer
    url: src/missing.py
  - name: odd
    kind: lambda
    url: src/train.py
  - name: nothing
  workflows:
  - name: main
    path: flows/main.py
  - name: inline
    code: "x = 1\n"
    engine: airflow
  artifacts:
  - metadata: {key: "bad key"}
  - import_from: missing.yaml
    key: m
)");
    const auto problems = lint(dir);
    REQUIRE(problems.size() == 11);
    CHECK(problems[0].starts_with("project.yaml:3:9: Field 'project.metadata.name' is malformed"));
    CHECK(problems[1] == "project.yaml:8:14: handler 'fit' is not a top-level function of "
                         "src/train.py");
    CHECK(problems[2] == "project.yaml:9:11: duplicate function name 'Trainer' (first at line 6)");
    CHECK(problems[3].starts_with("project.yaml:10:10: file 'src/missing.py' of function "
                                  "'Trainer' not found"));
    CHECK(problems[4].starts_with("project.yaml:12:11: unknown function kind 'lambda'"));
    CHECK(problems[5].starts_with("project.yaml:14:5: function 'nothing' has no url"));
    CHECK(problems[6].starts_with("project.yaml:17:11: workflow file 'flows/main.py'"));
    CHECK(problems[7].starts_with("project.yaml:20:13: unknown workflow engine 'airflow'"));
    CHECK(problems[8] == "project.yaml:18:5: workflow 'inline' defines neither kfpipeline() nor "
                         "pipeline(): set its handler");
    CHECK(problems[9].starts_with("project.yaml:22:21: artifact key 'bad key' is malformed"));
    CHECK(problems[10] == "project.yaml:23:18: artifact import file 'missing.yaml' not found");
}

TEST_CASE("validate: syntax errors, wrong types, empty files, other kinds")
{
    test::TempDir dir;
    dir.write("project.yaml", "kind: project\nmetadata:\n  name: x\n  labels: [a\n");
    auto problems = lint(dir);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("invalid YAML") != std::string::npos);
    CHECK(problems[0].starts_with("project.yaml:"));

    dir.write("project.yaml", "kind: project\nmetadata:\n  name: x\nspec:\n  params: [1, 2]\n");
    problems = lint(dir);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "project.yaml:5:11: field 'spec.params' must be a mapping");

    dir.write("project.yaml", "");
    CHECK(lint(dir) == std::vector<std::string>{"project.yaml: the file is empty (no YAML "
                                                "document)"});

    dir.write("run.yaml", "kind: run\nmetadata: {uid: abc, name: r}\n");
    CHECK(lint(dir, "run.yaml") ==
          std::vector<std::string>{"run.yaml:1:1: a run file, not a project or a function"});
}

TEST_CASE("validate: function files check their kind, name and embedded handler")
{
    test::TempDir dir;
    // base64 of "def handler(context):\n    pass\n"
    dir.write("function.yaml", R"(kind: job
metadata:
  name: f
spec:
  default_handler: missing
  build:
    functionSourceCode: ZGVmIGhhbmRsZXIoY29udGV4dCk6CiAgICBwYXNzCg==
)");
    CHECK(lint(dir, "function.yaml") ==
          std::vector<std::string>{"function.yaml:5:20: handler 'missing' is not a top-level "
                                   "function of the embedded code"});
    dir.write("function.yaml", "kind: job\nmetadata:\n  name: f\nspec:\n  command: code.py\n  "
                               "default_handler: h\n");
    CHECK(lint(dir, "function.yaml")[0].starts_with("function.yaml:5:12: code file 'code.py' "
                                                    "not found"));
    dir.write("code.py", "def h():\n    pass\n");
    CHECK(lint(dir, "function.yaml").empty());
}

TEST_CASE("validate: defines_function finds only top-level definitions")
{
    const std::string code = "class A:\n    def inner(self): pass\n\ndef top (x):\n    pass\n"
                             "async  def  later():\n    pass\n# def commented():\n";
    CHECK(project::defines_function(code, "top"));
    CHECK(project::defines_function(code, "later"));
    CHECK_FALSE(project::defines_function(code, "inner"));
    CHECK_FALSE(project::defines_function(code, "commented"));
    CHECK_FALSE(project::defines_function(code, "to"));
}

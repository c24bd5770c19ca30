#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/model/project.hpp"
#include "lib/yaml/yaml.hpp"

using namespace mlrun::model;
using mlrun::Json;

namespace {

const char* const project_yaml = R"(kind: project
metadata:
  name: my-proj
  future_meta: keep-me
spec:
  description: demo
  params: {label_column: label, threshold: 0.5}
  functions:
  - url: src/prep.py
    name: prep-data
    kind: job
    image: mlrun/mlrun
    handler: prep
    with_repo: true
    requirements: [pandas]
    something_new: {a: 1}
  - name: trainer
    spec: {kind: job, metadata: {name: trainer}, spec: {image: x}}
  workflows:
  - name: main
    path: src/workflow.py
    engine: local
    args_schema: [{name: x, type: int, default: 1}]
  artifacts: []
  source: git://github.com/org/repo.git#main
  conda: ''
  desired_state: online
  brand_new_spec_field: [1, 2]
status:
  state: online
  extra_status: true
unknown_top: 42
)";

}  // namespace

TEST_CASE("project: typed fields are read")
{
    const auto project = project_from_json(mlrun::yaml::parse(project_yaml, "p.yaml"));
    CHECK(project.metadata.name == "my-proj");
    CHECK(project.spec.description == "demo");
    CHECK(project.spec.params["threshold"] == 0.5);
    REQUIRE(project.spec.functions.size() == 2);
    CHECK(project.spec.functions[0].url == "src/prep.py");
    CHECK(project.spec.functions[0].with_repo == true);
    CHECK(project.spec.functions[0].requirements == std::vector<std::string>{"pandas"});
    CHECK(project.spec.functions[1].spec.is_object());
    REQUIRE(project.spec.workflows.size() == 1);
    CHECK(project.spec.workflows[0].engine == "local");
    CHECK(project.status.state == "online");
    CHECK(project.find_function("prep_data") == &project.spec.functions[0]);
    CHECK(project.find_function("missing") == nullptr);
}

TEST_CASE("project: unknown fields survive a round trip at every level")
{
    const auto original = mlrun::yaml::parse(project_yaml, "p.yaml");
    const auto written = to_json(project_from_json(original));
    CHECK(written["metadata"]["future_meta"] == "keep-me");
    CHECK(written["spec"]["brand_new_spec_field"] == Json::array({1, 2}));
    CHECK(written["spec"]["conda"] == "");
    CHECK(written["spec"]["functions"][0]["something_new"]["a"] == 1);
    CHECK(written["status"]["extra_status"] == true);
    CHECK(written["unknown_top"] == 42);
    CHECK_FALSE(written["spec"].contains("artifacts"));  // [] is omitted, as MLRun writes
    // Reading what we wrote gives the same object again.
    CHECK(to_json(project_from_json(written)) == written);
    // And through YAML text too.
    CHECK(to_json(project_from_json(mlrun::yaml::parse(mlrun::yaml::dump(written), "w.yaml"))) ==
          written);
}

TEST_CASE("project: the legacy layout is read into the modern one")
{
    const auto project = project_from_json(mlrun::yaml::parse(R"(name: iris
functions:
  - url: function.yaml
  - url: "https://example.com/x.ipynb"
    name: serving
workflows:
  - name: main
    path: workflow.py
)",
                                                              "legacy.yaml"));
    CHECK(project.legacy_format);
    CHECK(project.metadata.name == "iris");
    CHECK(project.spec.functions.size() == 2);
    CHECK(to_json(project)["metadata"]["name"] == "iris");
}

TEST_CASE("project: wrong field shapes name the field")
{
    CHECK_THROWS_WITH_AS(project_from_json(Json{{"kind", "project"}, {"spec", {{"params", "x"}}}}),
                         "field 'spec.params' must be a mapping", mlrun::Error);
    CHECK_THROWS_WITH_AS(
        project_from_json(Json{{"kind", "project"}, {"spec", {{"functions", Json::array({"x"})}}}}),
        "field 'spec.functions[0]' must be a mapping", mlrun::Error);
    CHECK_THROWS_AS(project_from_json(Json{{"kind", "job"}}), mlrun::Error);
}

TEST_CASE("project: names and normalisation")
{
    CHECK(project_name_error("my-proj-1").empty());
    CHECK_FALSE(project_name_error("My_Proj").empty());
    CHECK_FALSE(project_name_error(std::string(64, 'a')).empty());
    CHECK_FALSE(project_name_error("-x").empty());
    CHECK(normalize_name("My_Func name") == "my-func-name");
}

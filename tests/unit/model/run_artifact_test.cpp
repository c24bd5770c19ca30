#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/model/artifact.hpp"
#include "lib/model/function.hpp"
#include "lib/model/run.hpp"
#include "lib/model/run_diff.hpp"
#include "lib/yaml/yaml.hpp"

using namespace mlrun::model;
using mlrun::Json;

TEST_CASE("run: model form round trip keeps unknown fields")
{
    const auto data = mlrun::yaml::parse(R"(metadata:
  name: trainer
  uid: 0123456789abcdef0123456789abcdef
  iteration: 0
  project: demo
  labels: {kind: local, owner: ci}
spec:
  handler: train
  parameters: {p1: 5, lr: 0.1}
  output_path: /tmp/art
  state_thresholds: {executing: 24h}
status:
  state: completed
  results: {accuracy: 0.9}
  start_time: '2024-10-23T08:15:52.123456+00:00'
  notifications: {}
)",
                                         "run.yaml");
    const auto run = run_from_json(data);
    CHECK(run.metadata.uid == "0123456789abcdef0123456789abcdef");
    CHECK(run.status.state == RunState::completed);
    CHECK(run.status.results["accuracy"] == 0.9);
    CHECK(run.uri() == "demo@0123456789abcdef0123456789abcdef#0");
    const auto written = to_json(run);
    CHECK(written["spec"]["state_thresholds"]["executing"] == "24h");
    CHECK(written["metadata"]["iteration"] == 0);
    CHECK(to_json(run_from_json(written)) == written);
}

TEST_CASE("run: the context form omits a completed state")
{
    const auto run = run_from_json(Json{{"kind", "run"}, {"metadata", {{"uid", "u"}}}});
    CHECK(run.status.state == RunState::completed);
    CHECK(run_from_json(Json{{"metadata", {{"uid", "u"}}}}).status.state == RunState::created);
}

TEST_CASE("run: states")
{
    CHECK(parse_run_state("aborted") == RunState::aborted);
    CHECK(parse_run_state("weird") == RunState::unknown);
    CHECK(to_string(RunState::running) == "running");
    CHECK(is_terminal(RunState::error));
    CHECK_FALSE(is_terminal(RunState::running));
}

TEST_CASE("artifact: fields, store URI and round trip")
{
    const auto artifact = artifact_from_json(mlrun::yaml::parse(R"(kind: dataset
metadata: {key: train, project: demo, iter: 2, tree: abc123, tag: v1, hash: ff}
spec: {target_path: /a/train.parquet, size: 10, db_key: trainer_train, schema: {x: 1}}
status: {state: created, stats: {rows: 3}}
)",
                                                                "a.yaml"));
    CHECK(artifact.store_prefix() == "datasets");
    CHECK(artifact.store_uri() == "store://datasets/demo/trainer_train#2:v1@abc123");
    CHECK(artifact.spec.size == 10);
    const auto written = to_json(artifact);
    CHECK(written["spec"]["schema"]["x"] == 1);
    CHECK(written["status"]["stats"]["rows"] == 3);
    CHECK(to_json(artifact_from_json(written)) == written);
}

TEST_CASE("function: kind default and unknown-field round trip")
{
    const auto function = function_from_json(mlrun::yaml::parse(R"(metadata: {name: f}
spec:
  command: f.py
  image: mlrun/mlrun
  build: {commands: [pip install x], base_image: python:3.9}
  resources: {limits: {cpu: '1'}}
verbose: false
)",
                                                                "f.yaml"));
    CHECK(function.effective_kind() == "job");
    CHECK(function.spec.build["base_image"] == "python:3.9");
    const auto written = to_json(function);
    CHECK(written["spec"]["resources"]["limits"]["cpu"] == "1");
    CHECK(written["verbose"] == false);
    CHECK_THROWS_AS(function_from_json(Json{{"kind", "nope"}}), mlrun::Error);
}

TEST_CASE("run diff: inputs and hyper-parameters are compared too")
{
    mlrun::model::Run a;
    mlrun::model::Run b;
    a.spec.inputs = {{"data", "store://artifacts/p/d#0@t1"}};
    b.spec.inputs = {{"data", "store://artifacts/p/d#0@t2"}};
    a.spec.hyperparams = {{"lr", Json::array({0.1, 0.2})}};
    b.spec.hyperparams = {{"lr", Json::array({0.1, 0.2})}};
    std::vector<std::string> changed;
    std::vector<std::string> fields;
    for (const auto& difference : mlrun::model::diff_runs(a, b)) {
        fields.push_back(difference.field);
        if (difference.changed()) {
            changed.push_back(difference.field);
        }
    }
    CHECK(std::find(changed.begin(), changed.end(), "inputs.data") != changed.end());
    CHECK(std::find(fields.begin(), fields.end(), "hyperparams.lr") != fields.end());
    CHECK(std::find(changed.begin(), changed.end(), "hyperparams.lr") == changed.end());
}

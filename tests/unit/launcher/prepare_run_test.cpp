// The run `mlrun run` records, assembled in lib from what it was asked.

#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/launcher/artifact_path.hpp"
#include "lib/launcher/prepare_run.hpp"

using mlrun::Json;
using mlrun::launcher::prepare_run;
using mlrun::launcher::RunRequest;

namespace {

mlrun::model::Function trainer()
{
    mlrun::model::Function function;
    function.kind = "job";
    function.metadata.name = "My_Trainer";
    function.spec.default_handler = "train";
    return function;
}

mlrun::launcher::PreparedRun prepare(const RunRequest& request,
                                     mlrun::model::Function function = trainer())
{
    mlrun::NullReporter quiet;
    return prepare_run({}, request, function, {{"USER", "ana"}}, mlrun::config::Config{}, quiet);
}

}  // namespace

TEST_CASE("prepare_run: names as MLRun gives them")
{
    RunRequest request;
    request.project = "p";
    request.function_url = true;
    auto prepared = prepare(request);
    CHECK(prepared.run.metadata.name == "my-trainer-train");  // <function>-<handler>
    CHECK(prepared.handler == "train");
    CHECK(prepared.run.metadata.uid.size() == 32);

    request.handler = "pkg.module.func";
    CHECK(prepare(request).run.metadata.name == "my-trainer-func");

    RunRequest script;
    script.project = "p";
    script.url = "bash s.sh hi";
    script.url_file = "bash";
    CHECK(prepare(script).run.metadata.name == "bash-s");  // the URL's stem, as given

    request.name = "Custom_Name";
    CHECK(prepare(request).run.metadata.name == "custom-name");
}

TEST_CASE("prepare_run: labels, parameters, secrets and the keys MLRun writes")
{
    RunRequest request;
    request.project = "p";
    request.uid = "u1";
    request.labels = {"team=ml"};
    request.workflow = "wf";
    request.params = {"lr=0.1", "epochs"};
    request.secrets = {"inline={\"token\": \"s3cr3t\"}"};
    auto prepared = prepare(request);
    const auto& run = prepared.run;
    CHECK(run.metadata.uid == "u1");
    CHECK(run.metadata.project == "p");
    CHECK(run.metadata.labels["team"] == "ml");
    CHECK(run.metadata.labels["workflow"] == "wf");
    CHECK(run.metadata.labels["kind"] == "local");  // a job run here
    CHECK(run.metadata.labels["owner"] == "ana");
    CHECK(run.spec.parameters == Json{{"lr", 0.1}});  // "epochs" has no '=': skipped
    CHECK(run.spec.secret_sources.dump().find("s3cr3t") == std::string::npos);
    CHECK(prepared.inline_secrets.dump().find("s3cr3t") != std::string::npos);
    CHECK(run.kind == "run");

    request.remote = true;
    CHECK(prepare(request).run.metadata.labels["kind"] == "job");
    request.recorded_kind = "dask";
    CHECK(prepare(request).run.metadata.labels["kind"] == "dask");

    request.hyper_options = "[1, 2]";
    CHECK_THROWS_AS(prepare(request), mlrun::Error);
}

TEST_CASE("artifact paths: one choice and one set of templates for runs, workflows and artifacts")
{
    mlrun::config::Config config;
    CHECK(mlrun::launcher::choose_artifact_path({"", "task/path"}, config) == "task/path");
    CHECK(mlrun::launcher::choose_artifact_path({"given", "task/path"}, config) == "given");
    CHECK(mlrun::launcher::choose_artifact_path({""}, config) == config.artifact_path());
    const auto filled = mlrun::launcher::fill_artifact_path(
        "/art/{{project}}/{{run.uid}}/{{workflow.uid}}", {{"project", "p"}, {"run.uid", "u1"}});
    CHECK(filled == "/art/p/u1/{{workflow.uid}}");  // no value: left as written
    CHECK(mlrun::launcher::has_artifact_path_template(filled));
    CHECK_FALSE(mlrun::launcher::has_artifact_path_template("/art/p"));
}

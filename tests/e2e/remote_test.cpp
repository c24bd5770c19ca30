// The remote story against the contract test server (tests/contract/mlrun_api_server.py, a real
// process on 127.0.0.1 that enforces rest-api.md): projects, submit and follow, paging, logs,
// artifacts, retries, authentication and errors.

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "lib/error.hpp"
#include "lib/store/http/http_run_db.hpp"
#include "tests/e2e/api_server.hpp"

using mlrun::test::ApiServer;
using mlrun::test::Backend;
using mlrun::test::connect;
using mlrun::test::Mlrun;
using mlrun::test::ProcessResult;
using mlrun::test::token;
using Json = nlohmann::json;

namespace {

void check_never_echoed(const ProcessResult& result)
{
    CHECK(result.out.find(token) == std::string::npos);
    CHECK(result.err.find(token) == std::string::npos);
}

}  // namespace

TEST_CASE("e2e remote: project create and sync, submit and follow to completion and failure")
{
    ApiServer server{{"--token", token}};
    Mlrun mlrun;
    connect(mlrun, server);
    auto result = mlrun({"project", "create", "rproj", "--template", "python-job"});
    REQUIRE(result.exit_code == 0);
    check_never_echoed(result);
    auto stored = server.requests("PUT", "/api/v1/projects/rproj");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0]["headers"]["authorization"] == "Bearer " + token);
    CHECK(stored[0]["headers"]["x-mlrun-client-version"] == "1.7.0");
    CHECK(stored[0]["headers"]["content-type"] == "application/json");
    CHECK(Json::parse(stored[0]["body"].get<std::string>())["metadata"]["name"] == "rproj");

    result = mlrun({"project", "rproj", "--sync"});
    REQUIRE(result.exit_code == 0);
    const auto functions = server.requests("POST", "/api/v1/projects/rproj/functions/");
    REQUIRE(functions.size() == 2);
    // As MLRun's client syncs a project: unversioned, the server's "latest" tag.
    CHECK(functions[0]["query"] == Json::array({Json::array({"versioned", "False"})}));
    result = mlrun({"project", "list", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["projects"][0]["metadata"]["name"] == "rproj");
    result = mlrun({"function", "show", "db://rproj/trainer", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["kind"] == "job");

    // A job runs on the "cluster": submitted once, followed until it completes -> exit 0.
    server.clear_log();
    result = mlrun({"run", "-f", "trainer", "--context", "rproj", "--watch", "-p", "steps=5"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    check_never_echoed(result);
    CHECK(result.out.find("step 3 of 3") != std::string::npos);
    CHECK(result.out.find("Final state: completed") != std::string::npos);
    auto submits = server.requests("POST", "/api/v1/submit_job");
    REQUIRE(submits.size() == 1);
    const auto body = Json::parse(submits[0]["body"].get<std::string>());
    CHECK(body["task"]["metadata"]["project"] == "rproj");
    CHECK(body["task"]["spec"]["parameters"]["steps"] == 5);
    CHECK(body["function"]["kind"] == "job");
    CHECK(body["function"]["spec"]["build"].contains("functionSourceCode"));
    CHECK_FALSE(server.requests("GET", "/logs/").empty());

    // A failing job: exit 1 with the run's error.
    result = mlrun({"run", "rproj/src/trainer.py", "--kind", "job", "--handler", "fail",
                    "--project", "rproj", "--watch"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("ended error") != std::string::npos);
    CHECK(result.out.find("Final state: error") != std::string::npos);

    // Without --watch: the run is submitted and left running; logs -f follows it to the end.
    result = mlrun({"run", "-f", "data-prep", "--context", "rproj", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto uid = Json::parse(result.out)["metadata"]["uid"].get<std::string>();
    result = mlrun({"logs", uid, "-p", "rproj", "-f"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("done\nFinal state: completed\n") != std::string::npos);

    // --schedule creates a schedule through submit_job.
    result = mlrun({"run", "-f", "trainer", "--context", "rproj", "--schedule", "0 * * * *"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Scheduled trainer-train (0 * * * *)") != std::string::npos);

    // Local kinds are refused by the server, as MLRun's is.
    result = mlrun({"run", "rproj/src/trainer.py", "--kind", "job", "--handler", "train",
                    "--project", "nosuchproject"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("Project nosuchproject does not exist") != std::string::npos);
}

TEST_CASE("e2e remote: a project's workflow through the remote engine, followed to its end")
{
    ApiServer server;
    Mlrun mlrun;
    connect(mlrun, server);
    REQUIRE(mlrun({"project", "create", "wproj", "--template", "workflow"}).exit_code == 0);
    mlrun.home().write("wproj/src/failing.py", "def pipeline():\n    raise ValueError()\n");
    REQUIRE(mlrun({"project", "set-workflow", "fail", "wproj/src/failing.py", "--context", "wproj"})
                .exit_code == 0);

    // The template's workflow says engine local: its steps run here and are recorded on the
    // API, as is the workflow.
    auto result = mlrun({"project", "wproj", "-r", "main", "-a", "rows=12", "--output", "json"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto local = Json::parse(result.out);
    CHECK(local["state"] == "Succeeded");
    CHECK(local["steps"].size() == 3);
    result = mlrun({"get", "workflows", "-p", "wproj", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto workflows = Json::parse(result.out)["workflows"];
    REQUIRE(workflows.size() == 1);
    CHECK(workflows[0]["id"] == local["id"]);
    result = mlrun({"runs", "list", "-p", "wproj", "--workflow", local["id"], "--output", "json"});
    CHECK(Json::parse(result.out)["runs"].size() == 3);
    CHECK(!server.requests("POST", "/api/v1/projects/wproj/runs/" + local["id"].get<std::string>())
               .empty());

    result = mlrun({"project", "wproj", "-r", "main", "--engine", "remote", "--watch", "-a",
                    "rows=5", "-p", "s3://bucket/art"},
                   {{"GITHUB_SHA", "abc123"}});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Running workflow main file: src/workflow.py") != std::string::npos);
    CHECK(result.out.find("step 3 of 3") != std::string::npos);
    CHECK(result.out.find("Workflow main finished, state=completed") != std::string::npos);
    const auto submits = server.requests("POST", "/api/v1/projects/wproj/workflows/main/submit");
    REQUIRE(submits.size() == 1);
    const auto body = Json::parse(submits[0]["body"].get<std::string>());
    CHECK(body["spec"] == Json{{"name", "main"}, {"engine", "remote"}});
    CHECK(body["arguments"] == Json{{"rows", 5}});
    CHECK(body["artifact_path"] == "s3://bucket/art");
    // The project was stored first, with the CI commit as a parameter.
    const auto stored = server.requests("PUT", "/api/v1/projects/wproj");
    CHECK(Json::parse(stored.back()["body"].get<std::string>())["spec"]["params"]["commit_id"] ==
          "abc123");

    result = mlrun({"project", "wproj", "-r", "fail", "--engine", "remote", "--watch"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("Workflow fail finished, state=error") != std::string::npos);
    CHECK(result.err.find("workflow fail ended error") != std::string::npos);

    result = mlrun({"project", "wproj", "-r", "main", "--engine", "remote", "--timeout", "0"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("did not finish within 0 s") != std::string::npos);

    result =
        mlrun({"project", "wproj", "-r", "main", "--engine", "remote", "--schedule", "0 0 * * *"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Workflow main scheduled (0 0 * * *)") != std::string::npos);
    // --override replaces an existing schedule of the workflow: deleted first.
    CHECK(server.requests("DELETE", "/api/v1/projects/wproj/schedules/main").empty());
    result = mlrun({"project", "wproj", "-r", "main", "--engine", "remote", "--schedule",
                    "0 1 * * *", "--override"});
    CHECK(result.exit_code == 0);
    CHECK(server.requests("DELETE", "/api/v1/projects/wproj/schedules/main").size() == 1);

    result = mlrun({"project", "wproj", "-r", "nope", "--engine", "remote"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("workflow 'nope' is not in project 'wproj'") != std::string::npos);
}

namespace {

void paging_logs_show_delete(Backend backend)
{
    ApiServer server{{}, backend};
    Mlrun mlrun;
    connect(mlrun, server);
    REQUIRE(mlrun({"project", "create", "paging"}).exit_code == 0);
    std::string lines;
    for (int i = 0; i < 45; ++i) {
        char uid[33];
        std::snprintf(uid, sizeof uid, "%032d", i);
        char started[40];
        std::snprintf(started, sizeof started, "2026-11-26T10:%02d:00+00:00", i);
        lines += Json{{"kind", "run"},
                      {"metadata",
                       {{"name", "r" + std::to_string(i)},
                        {"uid", uid},
                        {"project", "paging"},
                        {"iteration", 0}}},
                      {"status", {{"state", "completed"}, {"start_time", started}}}}
                     .dump() +
                 "\n";
    }
    mlrun.home().write("runs.jsonl", lines);
    auto result = mlrun({"runs", "import", "runs.jsonl"});
    REQUIRE(result.exit_code == 0);
    CHECK(server.requests("POST", "/api/v1/projects/paging/runs/").size() == 45);

    server.clear_log();
    result = mlrun({"get", "runs", "-p", "paging", "--state", "completed", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto runs = Json::parse(result.out)["runs"];
    CHECK(runs.size() == 45);
    CHECK(runs[0]["metadata"]["name"] == "r44");  // newest first
    const auto pages = server.requests("GET", "/api/v1/projects/paging/runs");
    REQUIRE(pages.size() == 3);  // 20 + 20 + 5
    const auto first_query = pages[0]["query"].dump();
    CHECK(first_query.find("[\"page\",\"1\"]") != std::string::npos);
    CHECK(first_query.find("[\"page-size\",\"20\"]") != std::string::npos);
    CHECK(first_query.find("[\"state\",\"completed\"]") != std::string::npos);
    CHECK(pages[1]["query"].size() == 1);
    CHECK(pages[1]["query"][0][0] == "page-token");
    result = mlrun({"get", "runs", "-p", "paging", "--state", "completed", "--limit", "7",
                    "--output", "json"});
    CHECK(Json::parse(result.out)["runs"].size() == 7);

    // Logs: stored through the API, read from an offset with the run state header.
    mlrun::store::HttpRunDB db{[&] {
        mlrun::http::Settings settings;
        settings.base_url = server.url();
        settings.client_version = "1.7.0";
        return settings;
    }()};
    const std::string uid = "00000000000000000000000000000003";
    db.append_log("paging", uid, "hello\nworld\n");
    const auto chunk = db.read_log("paging", uid, 6, 0);
    CHECK(chunk.bytes == "world\n");
    CHECK(chunk.state == mlrun::model::RunState::completed);
    CHECK(db.log_size("paging", uid) == 12);
    result = mlrun({"logs", uid, "-p", "paging", "--offset", "6"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "world\nFinal state: completed\n");

    result = mlrun({"runs", "show", uid, "-p", "paging", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["metadata"]["name"] == "r3");
    result = mlrun({"runs", "delete", uid, "-p", "paging"});
    CHECK(result.exit_code == 0);
    result = mlrun({"runs", "show", uid, "-p", "paging"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("run '" + uid + "' not found in project 'paging'") != std::string::npos);
}

}  // namespace

TEST_CASE("e2e remote: paging through runs, logs from offsets, show and delete")
{
    paging_logs_show_delete(Backend::contract);
}

TEST_CASE("e2e serve: paging through runs, logs from offsets, show and delete")
{
    paging_logs_show_delete(Backend::serve);
}

namespace {

void artifacts_v2(Backend backend)
{
    ApiServer server{{}, backend};
    mlrun::http::Settings settings;
    settings.base_url = server.url();
    settings.client_version = "1.7.0";
    mlrun::store::HttpRunDB db{settings};
    mlrun::model::Project project;
    project.metadata.name = "arts";
    db.store_project(project);
    mlrun::model::Artifact artifact;
    artifact.kind = "dataset";
    artifact.metadata.key = "data";
    artifact.metadata.project = "arts";
    artifact.metadata.tree = "run1";
    artifact.spec.target_path = "s3://bucket/data.csv";
    db.store_artifact(artifact, "v1");
    artifact.spec.target_path = "s3://bucket/data2.csv";
    artifact.metadata.tree = "run2";
    db.store_artifact(artifact, "");
    const auto stored = server.requests("PUT", "/api/v2/projects/arts/artifacts/data");
    REQUIRE(stored.size() == 2);
    CHECK(stored[0]["query"].dump().find("[\"tree\",\"run1\"]") != std::string::npos);

    mlrun::store::ArtifactFilter filter;
    filter.project = "arts";
    filter.tag = "latest";
    auto listed = db.list_artifacts(filter);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].spec.target_path == "s3://bucket/data2.csv");
    auto found = db.find_artifact({"arts", "data", "v1"});
    REQUIRE(found.has_value());
    CHECK(found->spec.target_path == "s3://bucket/data.csv");
    CHECK_FALSE(db.find_artifact({"arts", "data", "nope"}).has_value());
    db.tag_artifact({"arts", "data", "latest"}, "prod");
    CHECK(db.find_artifact({"arts", "data", "prod"})->spec.target_path == "s3://bucket/data2.csv");
    CHECK(db.untag_artifact("arts", "data", "prod") == 1);
    CHECK_FALSE(db.find_artifact({"arts", "data", "prod"}).has_value());
    CHECK(db.delete_artifact({"arts", "data", "v1"}) == 1);
    filter.tag.clear();
    CHECK(db.list_artifacts(filter).size() == 1);

    Mlrun mlrun;
    connect(mlrun, server);
    auto result = mlrun({"get", "artifacts", "-p", "arts", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["artifacts"].size() == 1);
    // One version by tree from the command line: the request names that version by its object
    // uid (the server would delete every version of the key for a tree alone).
    artifact.metadata.tree = "run3";
    artifact.spec.target_path = "s3://bucket/data3.csv";
    db.store_artifact(artifact, "");
    server.clear_log();
    result = mlrun({"artifacts", "delete", "data", "-p", "arts", "--tree", "run3"});
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    const auto deleted = server.requests("DELETE", "/api/v2/projects/arts/artifacts/data");
    REQUIRE(deleted.size() == 1);
    const auto query = deleted[0]["query"].dump();
    CHECK(query.find("\"object-uid\"") != std::string::npos);
    CHECK(query.find("[\"tree\",\"run3\"]") != std::string::npos);
    CHECK(db.find_artifact({"arts", "data", "", "run2"}).has_value());
    CHECK_FALSE(db.find_artifact({"arts", "data", "", "run3"}).has_value());
    result = mlrun({"artifacts", "delete", "data", "-p", "arts", "--tree", "run3"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("not found") != std::string::npos);
    CHECK(db.find_artifact({"arts", "data", "", "run2"}).has_value());

    // Restricted (the default) is what is sent; the server's 412 is the refusal shown.
    result = mlrun({"project", "delete", "arts"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("project 'arts' can not be deleted since related resources found: "
                          "artifacts") != std::string::npos);
    CHECK(result.err.find("--strategy cascading") != std::string::npos);
    CHECK(db.find_project("arts").has_value());
    result = mlrun({"project", "delete", "arts", "--strategy", "cascading"});
    CHECK(result.exit_code == 0);
    std::vector<Json> deletions;
    for (const auto& request : server.requests("DELETE", "/api/v2/projects/arts")) {
        if (request["path"] == "/api/v2/projects/arts") {
            deletions.push_back(request);
        }
    }
    REQUIRE(deletions.size() == 2);
    CHECK(deletions[0]["headers"]["x-mlrun-deletion-strategy"] == "restricted");
    CHECK(deletions[1]["headers"]["x-mlrun-deletion-strategy"] == "cascading");
    CHECK_FALSE(db.find_project("arts").has_value());
}

}  // namespace

TEST_CASE("e2e remote: artifacts through the v2 endpoints")
{
    artifacts_v2(Backend::contract);
}

TEST_CASE("e2e serve: artifacts through the v2 endpoints")
{
    artifacts_v2(Backend::serve);
}

TEST_CASE("e2e remote: retries on 5xx for GETs, none for submit; dropped connections resume")
{
    ApiServer server;
    Mlrun mlrun;
    connect(mlrun, server);
    REQUIRE(mlrun({"project", "create", "faulty", "--template", "python-job"}).exit_code == 0);
    auto result = mlrun({"run", "-f", "trainer", "--context", "faulty", "--watch"});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"get", "runs", "-p", "faulty", "--output", "json"});
    const auto uid = Json::parse(result.out)["runs"][0]["metadata"]["uid"].get<std::string>();

    server.clear_log();
    server.faults(Json::array(
        {{{"method", "GET"}, {"path", "/runs/" + uid}, {"status", 503}, {"times", 2}}}));
    result = mlrun({"runs", "show", uid, "-p", "faulty", "-v"});
    CHECK(result.exit_code == 0);
    CHECK(server.requests("GET", "/runs/" + uid).size() == 3);
    // At -v each retry is told (the first at once, as urllib3 does, then after a backoff).
    const auto told = result.out + result.err;
    CHECK(told.find("retrying GET projects/faulty/runs/" + uid + " 1/3 in 0.0 s: HTTP 503") !=
          std::string::npos);
    CHECK(told.find("/runs/" + uid + " 2/3 in ") != std::string::npos);

    server.faults(Json::array({{{"method", "GET"},
                                {"path", "/runs/" + uid},
                                {"status", 500},
                                {"times", 4}}}));  // the first try and 3 retries
    result = mlrun({"runs", "show", uid, "-p", "faulty"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("HTTP 500") != std::string::npos);
    CHECK(result.err.find("injected fault 500") != std::string::npos);
    CHECK(server.requests("GET", "/runs/" + uid).size() == 3 + 4);

    server.clear_log();
    server.faults(
        Json::array({{{"method", "POST"}, {"path", "submit_job"}, {"status", 503}, {"times", 1}}}));
    result = mlrun({"run", "-f", "trainer", "--context", "faulty"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("HTTP 503") != std::string::npos);
    CHECK(server.requests("POST", "submit_job").size() == 1);

    server.faults(Json::array(
        {{{"method", "GET"}, {"path", "/logs/" + uid}, {"action", "drop"}, {"times", 1}}}));
    result = mlrun({"logs", uid, "-p", "faulty"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("step 1 of 3\nstep 2 of 3\nstep 3 of 3\ndone\n") != std::string::npos);
}

namespace {

void authentication_and_errors(Backend backend)
{
    ApiServer server{{"--token", token}, backend};
    Mlrun mlrun;
    connect(mlrun, server);
    auto result = mlrun({"project", "list"}, {{"MLRUN_HTTPDB__TOKEN", "wrong-token-value"}});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("not authorised (HTTP 401 Unauthorized): Token did not match") !=
          std::string::npos);
    CHECK(result.err.find("wrong-token-value") == std::string::npos);
    result = mlrun({"project", "list"}, {{"MLRUN_HTTPDB__TOKEN", ""}});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("Missing bearer auth header") != std::string::npos);

    result = mlrun({"runs", "show", "nope", "-p", "none"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("run 'nope' not found in project 'none'") != std::string::npos);

    // --help and version never touch the network.
    server.clear_log();
    CHECK(mlrun({"--help"}).exit_code == 0);
    CHECK(mlrun({"version"}).exit_code == 0);
    CHECK(mlrun({"get", "--help"}).exit_code == 0);
    CHECK(server.requests().empty());

    const auto url = server.url();
    server.stop();
    result = mlrun({"project", "list"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("cannot reach the MLRun API at " + url) != std::string::npos);
    check_never_echoed(result);
    // A password in the URL is never shown either.
    result = mlrun({"project", "list", "--db", "http://user:hunter2@127.0.0.1:1"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("hunter2") == std::string::npos);
}

}  // namespace

TEST_CASE("e2e remote: authentication and errors a user understands")
{
    authentication_and_errors(Backend::contract);
}

TEST_CASE("e2e serve: authentication and errors a user understands")
{
    authentication_and_errors(Backend::serve);
}

namespace {

void local_run_artifacts_where_client_spec_says(Backend backend)
{
    mlrun::test::TempDir server_artifacts;
    ApiServer server{{"--artifact-path", server_artifacts.path().string()}, backend};
    Mlrun mlrun;
    connect(mlrun, server);
    mlrun.home().write("h.py", "def train(context, lr=0.1):\n"
                               "    context.log_result('accuracy', round(0.5 + lr, 4))\n"
                               "    with open('model.txt', 'w') as f:\n"
                               "        f.write('weights\\n' * 10)\n"
                               "    context.log_artifact('model', local_path='model.txt')\n");
    REQUIRE(mlrun({"project", "create", "default"}).exit_code == 0);
    server.clear_log();
    auto result = mlrun({"run", "h.py", "--handler", "train", "--local", "-p", "lr=0.3"});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    // Where MLRun puts it: <server's artifact path>/<run name>/<iter>/<key>; nothing here.
    CHECK(std::filesystem::is_regular_file(server_artifacts.path() / "h/0/model.txt"));
    CHECK_FALSE(std::filesystem::exists(mlrun.home().path() / "artifacts"));
    const auto requests = server.requests();
    REQUIRE_FALSE(requests.empty());
    CHECK(requests.front()["path"] == "/api/v1/client-spec");
    CHECK(server.requests("GET", "/api/v1/client-spec").size() == 1);  // once per process
    const auto stored = server.requests("PUT", "/api/v2/projects/default/artifacts/h_model");
    REQUIRE(stored.size() == 1);
    CHECK(Json::parse(stored[0]["body"].get<std::string>())["spec"]["target_path"] ==
          (server_artifacts.path() / "h/0/model.txt").string());

    // A flag or a local setting still wins over the server's default.
    mlrun.set_env("MLRUN_ARTIFACT_PATH", (mlrun.home().path() / "mine").string());
    result = mlrun({"run", "h.py", "--handler", "train", "--local", "--name", "again"});
    REQUIRE(result.exit_code == 0);
    CHECK(std::filesystem::is_regular_file(mlrun.home().path() / "mine/again/0/model.txt"));

    // Commands that need no server defaults ask for none.
    server.clear_log();
    REQUIRE(mlrun({"version"}).exit_code == 0);
    REQUIRE(mlrun({"run", "--help"}).exit_code == 0);
    CHECK(server.requests().empty());
}

}  // namespace

TEST_CASE("e2e remote: a local run on a server writes its artifacts where client-spec says")
{
    local_run_artifacts_where_client_spec_says(Backend::contract);
}

TEST_CASE("e2e serve: a local run on a server writes its artifacts where client-spec says")
{
    local_run_artifacts_where_client_spec_says(Backend::serve);
}

TEST_CASE("e2e remote: a job whose code is in its image is submitted with no local file")
{
    ApiServer server;
    Mlrun mlrun;
    connect(mlrun, server);
    REQUIRE(mlrun({"project", "create", "imaged"}).exit_code == 0);
    mlrun.home().write("fn.yaml", "kind: job\nmetadata:\n  name: trainer\n  project: imaged\n"
                                  "spec:\n  image: registry.example/trainer:1\n"
                                  "  command: /app/train.py\n  default_handler: train\n");
    auto result = mlrun({"run", "-f", "fn.yaml", "-p", "imaged", "--watch"});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    const auto submitted = server.requests("POST", "/api/v1/submit_job");
    REQUIRE(submitted.size() == 1);
    const auto body = Json::parse(submitted[0]["body"].get<std::string>());
    CHECK(body["function"]["spec"]["command"] == "/app/train.py");
    CHECK(body["function"]["spec"]["image"] == "registry.example/trainer:1");
    CHECK_FALSE(
        body["function"]["spec"].value("build", Json::object()).contains("functionSourceCode"));
    CHECK(body["task"]["spec"]["handler"] == "train");

    // Run here, it needs the file.
    result = mlrun({"run", "-f", "fn.yaml", "-p", "imaged", "--local"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("no file in exec path (spec.command=/app/train.py)") !=
          std::string::npos);
}

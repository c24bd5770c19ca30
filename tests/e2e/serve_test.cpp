// `mlrun serve`: the CLI against it end to end, jobs and workflows run by it, bad input answered
// with a clear 4xx while it keeps serving, and a stop that loses nothing. (The RunDB contract
// against it is in remote_contract_test.cpp.)

#include <doctest/doctest.h>

#include <csignal>
#include <fstream>

#include "lib/store/http/http_run_db.hpp"
#include "lib/store/sqlite/sqlite_run_db.hpp"
#include "tests/e2e/serve_fixture.hpp"

namespace {

using mlrun::test::raw_request;
using mlrun::test::ServeProcess;

void write(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream{path} << text;
}

std::string uid_of_store(mlrun::store::RunDB& db, const std::string& name)
{
    const auto runs = db.list_runs({.project = "*", .name = name});
    REQUIRE(runs.size() == 1);
    return runs.front().metadata.uid;
}

}  // namespace

TEST_CASE("serve e2e: a local run tracked on the served API, then read back with the CLI")
{
    ServeProcess serve;
    mlrun::test::Mlrun mlrun;
    mlrun.set_env("MLRUN_DBPATH", serve.url());
    mlrun.set_env("MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR", "0");
    write(mlrun.home() / "train.py",
          "def train(context, rows: int = 1):\n"
          "    print('training on', rows)\n"
          "    context.log_result('accuracy', 0.5 + rows / 100)\n"
          "    context.log_artifact('notes', body='rows=' + str(rows), format='txt')\n");
    const auto run = mlrun({"run", "train.py", "--handler", "train", "-p", "rows=7", "--name",
                            "trainer", "--project", "served", "--local", "--ensure-project"});
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);

    const auto listed = mlrun({"get", "runs", "-p", "served", "--output", "json"});
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    const auto runs = nlohmann::json::parse(listed.out)["runs"];
    REQUIRE(runs.size() == 1);
    CHECK(runs[0]["metadata"]["name"] == "trainer");
    CHECK(runs[0]["status"]["state"] == "completed");
    CHECK(runs[0]["status"]["results"]["accuracy"] == doctest::Approx(0.57));
    const std::string uid = runs[0]["metadata"]["uid"];

    const auto logs = mlrun({"logs", uid, "-p", "served"});
    CHECK(logs.exit_code == 0);
    CHECK(logs.out.find("training on 7") != std::string::npos);

    const auto artifacts = mlrun({"artifacts", "list", "-p", "served", "--output", "json"});
    REQUIRE_MESSAGE(artifacts.exit_code == 0, artifacts.err);
    CHECK(artifacts.out.find("\"trainer_notes\"") != std::string::npos);

    // What the server wrote is in the store file, readable by the local backend.
    serve.stop();
    mlrun::store::SqliteRunDB local(serve.store().string(),
                                    mlrun::store::sqlite::OpenMode::read_only);
    CHECK(local.read_run("served", uid, 0).status.results["accuracy"] == doctest::Approx(0.57));
}

TEST_CASE("serve: bad input gets a clear 4xx and the server keeps serving")
{
    ServeProcess serve{{"--max-body-mb", "1"}};
    const auto& url = serve.url();
    CHECK(raw_request(url, "POST", "/api/v1/projects", R"({"metadata": {"name": "p"}})").status ==
          201);

    const auto not_json = raw_request(url, "POST", "/api/v1/projects", "not json");
    CHECK(not_json.status == 422);
    CHECK(not_json.json()["detail"][0]["type"] == "value_error.jsondecode");

    const auto wrong_type =
        raw_request(url, "POST", "/api/v1/projects", R"({"metadata": {"name": "q"}, "spec": "x"})");
    CHECK(wrong_type.status == 422);

    const auto bad_name =
        raw_request(url, "POST", "/api/v1/projects", R"({"metadata": {"name": "../etc"}})");
    CHECK(bad_name.status == 400);
    CHECK(bad_name.json()["detail"].get<std::string>().find("MLRunInvalidArgumentError") == 0);

    const auto traversal = raw_request(url, "PUT", "/api/v2/projects/p/artifacts/..%2F..%2Fx",
                                       R"({"kind": "artifact", "metadata": {"key": "x",
                                           "project": "p"}, "spec": {}, "status": {}})");
    CHECK(traversal.status == 400);

    const std::string huge(2 << 20, 'x');
    CHECK(raw_request(url, "POST", "/api/v1/projects/p/logs/u1", huge).status == 413);

    const auto run_body =
        raw_request(url, "POST", "/api/v1/projects/p/runs/u2", "{\"metadata\": {");
    CHECK(run_body.status == 400);
    CHECK(raw_request(url, "PATCH", "/api/v1/projects/p/runs/u2", "[1, 2]").status == 400);
    CHECK(raw_request(url, "GET", "/api/v1/projects/p/runs?iter=maybe").status == 422);
    CHECK(raw_request(url, "GET", "/api/v1/projects/p/runs?page-token=0123").status == 404);
    CHECK(raw_request(url, "GET", "/api/v1/no-such-endpoint").status == 404);
    CHECK(raw_request(url, "PUT", "/api/v1/healthz").status == 405);
    CHECK(raw_request(url, "POST", "/api/v1/build/function", "{}").status == 400);

    CHECK(serve.running());
    CHECK(raw_request(url, "GET", "/api/v1/healthz").status == 200);
}

TEST_CASE("serve: with a token, a request without it gets 401")
{
    mlrun::test::TempDir dir;
    write(dir / "token", "t0ps3cret\n");
    ServeProcess serve{{"--token-file", (dir / "token").string()}};
    const auto missing = raw_request(serve.url(), "GET", "/api/v1/projects");
    CHECK(missing.status == 401);
    CHECK(missing.json()["detail"] == "MLRunUnauthorizedError('Missing bearer auth header')");
    CHECK(
        raw_request(serve.url(), "GET", "/api/v1/projects", {}, {{"Authorization", "Bearer wrong"}})
            .status == 401);
    CHECK(raw_request(serve.url(), "GET", "/api/v1/projects", {},
                      {{"Authorization", "Bearer t0ps3cret"}})
              .status == 200);
    CHECK(raw_request(serve.url(), "GET", "/api/v1/healthz").status == 200);
}

TEST_CASE("serve: SIGTERM stops it cleanly; two servers share one store")
{
    mlrun::test::TempDir dir;
    const auto store = dir / "shared.db";
    ServeProcess first{{}, store};
    ServeProcess second{{}, store};
    CHECK(raw_request(first.url(), "POST", "/api/v1/projects", R"({"metadata": {"name": "s"}})")
              .status == 201);
    for (int i = 0; i < 20; ++i) {
        const auto& url = i % 2 == 0 ? first.url() : second.url();
        const auto uid = "uid" + std::to_string(i);
        REQUIRE(raw_request(url, "POST", "/api/v1/projects/s/runs/" + uid,
                            R"({"metadata": {"name": "r"}, "status": {"state": "completed"}})")
                    .status == 200);
    }
    const auto listed = raw_request(second.url(), "GET", "/api/v1/projects/s/runs");
    CHECK(listed.json()["runs"].size() == 20);
    ::kill(first.pid(), SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10 * 4};
    while (first.running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    CHECK_FALSE(first.running());
    CHECK(raw_request(second.url(), "GET", "/api/v1/projects/s/runs").json()["runs"].size() == 20);
}

TEST_CASE("serve: usage errors")
{
    mlrun::test::Mlrun mlrun;
    const auto remote = mlrun({"serve", "--db", "http://127.0.0.1:1"});
    CHECK(remote.exit_code == 2);
    CHECK(remote.err.find("serves the local store") != std::string::npos);
    const auto token = mlrun({"serve", "--token-file", "/nonexistent/token"});
    CHECK(token.exit_code == 2);
    const auto port = mlrun({"serve", "--port", "http"});
    CHECK(port.exit_code == 2);
}

TEST_CASE(
    "serve jobs: submit and --watch run a job here; --max-jobs queues; abort and SIGTERM stop")
{
    ServeProcess serve{{"--max-jobs", "1"}};
    mlrun::test::Mlrun mlrun;
    mlrun.set_env("MLRUN_DBPATH", serve.url());
    mlrun.set_env("MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR", "0");
    mlrun.set_env("MLRUN_HTTPDB__LOGS__PULL_LOGS_DEFAULT_INTERVAL", "0.1");
    REQUIRE(
        raw_request(serve.url(), "POST", "/api/v1/projects", R"({"metadata": {"name": "jobs"}})")
            .status == 201);
    write(mlrun.home() / "train.py", "import time\n"
                                     "def train(context, rows: int = 1):\n"
                                     "    print('rows', rows, flush=True)\n"
                                     "    context.log_result('rows', rows)\n"
                                     "def slow(context):\n"
                                     "    print('started', flush=True)\n"
                                     "    time.sleep(120)\n");
    write(mlrun.home() / "fn.yaml",
          "kind: job\nmetadata:\n  name: trainer\nspec:\n  command: train.py\n"
          "  default_handler: train\n  image: mlrun/mlrun\n");

    // A real job: submitted, run by the server in its own process, followed to its end.
    const auto watched =
        mlrun({"run", "-f", "fn.yaml", "--project", "jobs", "-p", "rows=5", "--watch"});
    INFO(watched.out, watched.err);
    REQUIRE(watched.exit_code == 0);
    CHECK(watched.out.find("rows 5") != std::string::npos);
    CHECK(watched.out.find("completed") != std::string::npos);

    // One job at a time: the second waits as pending; aborting the first starts it.
    const auto uid_of = [&](const std::string& name) {
        const auto listed =
            mlrun({"get", "runs", "-p", "jobs", "--name", name, "--output", "json"});
        const auto runs = nlohmann::json::parse(listed.out)["runs"];
        REQUIRE(runs.size() == 1);
        return std::pair<std::string, std::string>{runs[0]["metadata"]["uid"],
                                                   runs[0]["status"]["state"]};
    };
    const auto state_becomes = [&](const std::string& name, const std::string& state) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30 * 4};
        while (uid_of(name).second != state && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds{100});
        }
        return uid_of(name).second == state;
    };
    REQUIRE(
        mlrun({"run", "-f", "fn.yaml", "--handler", "slow", "--project", "jobs", "--name", "first"})
            .exit_code == 0);
    REQUIRE(state_becomes("first", "running"));
    REQUIRE(mlrun({"run", "-f", "fn.yaml", "--handler", "slow", "--project", "jobs", "--name",
                   "second"})
                .exit_code == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds{500});
    CHECK(uid_of("second").second == "pending");
    const auto first_uid = uid_of("first").first;
    CHECK(
        raw_request(serve.url(), "POST", "/api/v1/projects/jobs/runs/" + first_uid + "/abort", "{}")
            .status == 202);
    CHECK(state_becomes("first", "aborted"));
    CHECK(state_becomes("second", "running"));

    // SIGTERM: the running job is aborted and recorded, the server exits.
    ::kill(serve.pid(), SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30 * 4};
    while (serve.running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    REQUIRE_FALSE(serve.running());
    mlrun::store::SqliteRunDB local(serve.store().string(),
                                    mlrun::store::sqlite::OpenMode::read_only);
    CHECK(local.read_run("jobs", uid_of_store(local, "second"), 0).status.state ==
          mlrun::model::RunState::aborted);
}

TEST_CASE("serve workflows: a project's workflow submitted with --engine remote runs here")
{
    ServeProcess serve;
    mlrun::test::Mlrun mlrun;
    mlrun.set_env("MLRUN_DBPATH", serve.url());
    mlrun.set_env("MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR", "0");
    mlrun.set_env("MLRUN_HTTPDB__LOGS__PULL_LOGS_DEFAULT_INTERVAL", "0.1");
    const auto created =
        mlrun({"project", "create", "wf", "--template", "workflow", "--context", "wf"});
    REQUIRE_MESSAGE(created.exit_code == 0, created.err);
    // The source the server loads the project from: an archive of the project folder.
    const auto archive = (mlrun.home() / "wf.tar.gz").string();
    REQUIRE(mlrun::test::run_process(
                {"/bin/tar", "czf", archive, "-C", (mlrun.home() / "wf").string(), "."}, {})
                .exit_code == 0);
    mlrun.set_env("MLRUN_DEFAULT_PROJECT", "wf");
    REQUIRE(mlrun({"project", "set-source", archive, "--context", "wf"}).exit_code == 0);
    const auto synced = mlrun({"project", "wf", "--sync"});
    REQUIRE_MESSAGE(synced.exit_code == 0, synced.err);
    const auto ran = mlrun({"project", "wf", "-r", "main", "--engine", "remote", "--watch"});
    INFO(ran.out, ran.err);
    REQUIRE(ran.exit_code == 0);
    CHECK(ran.out.find("Workflow main finished, state=completed") != std::string::npos);
    // The steps ran here and were recorded on the server, labelled with the workflow's id.
    const auto listed = mlrun({"get", "runs", "-p", "wf", "--output", "json"});
    const auto runs = nlohmann::json::parse(listed.out)["runs"];
    CHECK(runs.size() >= 4);  // the runner and its three steps
}

TEST_CASE("serve: a listing's later pages keep its filters")
{
    ServeProcess serve;
    const auto& url = serve.url();
    REQUIRE(
        raw_request(url, "POST", "/api/v1/projects", R"({"metadata": {"name": "pg"}})").status ==
        201);
    for (int i = 0; i < 7; ++i) {
        const std::string team = i % 2 == 0 ? "a" : "b";  // 4 of team a
        const auto body = nlohmann::json{
            {"metadata", {{"name", "r"}, {"labels", {{"team", team}}}}},
            {"status",
             {{"state", "completed"},
              {"start_time", "2026-01-0" + std::to_string(i + 1) + "T10:00:00+00:00"}}}};
        REQUIRE(
            raw_request(url, "POST", "/api/v1/projects/pg/runs/u" + std::to_string(i), body.dump())
                .status == 200);
    }
    const auto first =
        raw_request(url, "GET", "/api/v1/projects/pg/runs?label=team%3Da&page=1&page-size=3");
    REQUIRE(first.status == 200);
    const auto page1 = first.json();
    CHECK(page1["runs"].size() == 3);
    CHECK(page1["runs"][0]["metadata"]["uid"] == "u6");  // newest first
    const std::string token = page1["pagination"]["page-token"];
    const auto page2 =
        raw_request(url, "GET", "/api/v1/projects/pg/runs?page-token=" + token).json();
    REQUIRE(page2["runs"].size() == 1);  // the 4th of team a, not the runs of team b
    CHECK(page2["runs"][0]["metadata"]["uid"] == "u0");
    CHECK(page2["pagination"]["page-token"].is_null());
    // A used token is gone, as on MLRun.
    CHECK(raw_request(url, "GET", "/api/v1/projects/pg/runs?page-token=" + token).status == 404);
}

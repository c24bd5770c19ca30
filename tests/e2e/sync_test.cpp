// `mlrun sync push|pull`: the local store pushed to an MLRun API (mlrun serve, the contract
// server), pushed again (nothing sent), an interrupted push resumed, pulled back into an empty
// store with nothing lost.

#include <doctest/doctest.h>

#include <fstream>

#include "tests/e2e/api_server.hpp"
#include "tests/e2e/serve_fixture.hpp"

namespace {

using mlrun::test::ApiServer;
using mlrun::test::Mlrun;
using Json = nlohmann::json;

// Two tracked runs of project "demo" in the local store, each with a log and an artifact.
void record_runs(Mlrun& mlrun)
{
    mlrun.home().write("h.py", "def train(context, lr=0.1):\n"
                               "    print('training with', lr)\n"
                               "    context.log_result('accuracy', 0.5 + lr)\n"
                               "    context.log_artifact('notes', body='lr=' + str(lr), "
                               "format='txt')\n");
    for (const char* lr : {"lr=0.2", "lr=0.3"}) {
        const auto ran =
            mlrun({"run", "h.py", "--handler", "train", "-p", lr, "--project", "demo"});
        REQUIRE_MESSAGE(ran.exit_code == 0, ran.err);
    }
}

Json runs_of(const Mlrun& mlrun, std::vector<std::string> extra = {})
{
    std::vector<std::string> args = {"get", "runs", "-p", "demo", "--output", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto listed = mlrun(args);
    REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
    return Json::parse(listed.out)["runs"];
}

}  // namespace

TEST_CASE("e2e sync: push to mlrun serve, push again (nothing sent), pull into an empty store")
{
    mlrun::test::ServeProcess serve;
    Mlrun mlrun;
    record_runs(mlrun);

    const auto dry = mlrun({"sync", "push", "--to", serve.url(), "--dry-run"});
    REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
    CHECK(dry.out.find("runs 2 to copy") != std::string::npos);
    CHECK(dry.out.find("would copy run demo/") != std::string::npos);
    // A dry run writes nothing.
    CHECK(mlrun::test::raw_request(serve.url(), "GET", "/api/v1/projects/demo").status == 404);

    const auto pushed = mlrun({"sync", "push", "--to", serve.url()});
    INFO(pushed.out, pushed.err);
    REQUIRE(pushed.exit_code == 0);
    CHECK(pushed.out.find("projects 1 copied") != std::string::npos);
    CHECK(pushed.out.find("runs 2 copied") != std::string::npos);
    CHECK(pushed.out.find("logs 2 copied") != std::string::npos);
    CHECK(pushed.out.find("artifacts 2 copied") != std::string::npos);

    const auto again = mlrun({"sync", "push", "--to", serve.url()});
    REQUIRE(again.exit_code == 0);
    CHECK(again.out.find("projects 0 copied / 1 already there") != std::string::npos);
    CHECK(again.out.find("runs 0 copied / 2 already there") != std::string::npos);
    CHECK(again.out.find("logs 0 copied / 2 already there") != std::string::npos);
    CHECK(again.out.find("artifacts 0 copied / 2 already there") != std::string::npos);

    // Pulled back into an empty store file: the same runs, results, logs and artifacts.
    const auto pulled = mlrun({"sync", "pull", "--from", serve.url(), "--to", "pulled.db"});
    INFO(pulled.out, pulled.err);
    REQUIRE(pulled.exit_code == 0);
    const auto original = runs_of(mlrun);
    const auto copy = runs_of(mlrun, {"--db", "pulled.db"});
    REQUIRE(copy.size() == original.size());
    for (std::size_t i = 0; i < original.size(); ++i) {
        CHECK(copy[i]["metadata"]["uid"] == original[i]["metadata"]["uid"]);
        CHECK(copy[i]["spec"]["parameters"] == original[i]["spec"]["parameters"]);
        CHECK(copy[i]["status"]["results"] == original[i]["status"]["results"]);
        CHECK(copy[i]["status"]["state"] == original[i]["status"]["state"]);
        const std::string uid = original[i]["metadata"]["uid"];
        CHECK(mlrun({"logs", uid, "-p", "demo", "--db", "pulled.db"}).out ==
              mlrun({"logs", uid, "-p", "demo"}).out);
    }
    const auto artifacts =
        mlrun({"artifacts", "list", "-p", "demo", "--db", "pulled.db", "--output", "json"});
    CHECK(Json::parse(artifacts.out)["artifacts"].size() >= 2);
}

TEST_CASE("e2e sync: a push interrupted by a failing server is resumed by the next one")
{
    ApiServer server;
    Mlrun mlrun;
    record_runs(mlrun);
    // The second run store fails (POST is never retried): one run, its log and artifact are
    // left for later; the rest goes.
    server.faults(Json::array({{{"method", "POST"},
                                {"path", "/api/v1/projects/demo/runs/"},
                                {"status", 500},
                                {"times", 1}}}));
    const auto failed = mlrun({"sync", "push", "--to", server.url()});
    INFO(failed.out, failed.err);
    CHECK(failed.exit_code == 1);
    CHECK(failed.err.find("failed: run demo/") != std::string::npos);
    CHECK(failed.err.find("run the same sync again") != std::string::npos);

    server.clear_log();
    const auto resumed = mlrun({"sync", "push", "--to", server.url()});
    INFO(resumed.out, resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK(resumed.out.find("runs 1 copied / 1 already there") != std::string::npos);
    CHECK(server.requests("POST", "/api/v1/projects/demo/runs/").size() == 1);
    CHECK(server.requests("PUT", "/api/v1/projects/demo").empty());
}

TEST_CASE("e2e sync: usage errors")
{
    Mlrun mlrun;
    const auto nowhere = mlrun({"sync", "push"});
    CHECK(nowhere.exit_code == 2);
    CHECK(nowhere.err.find("--to URL") != std::string::npos);
    const auto itself = mlrun({"sync", "push", "--from", "a.db", "--to", "a.db"});
    CHECK(itself.exit_code == 2);
    CHECK(mlrun({"sync"}).exit_code == 2);
    CHECK(mlrun({"sync", "pull", "--to", "x.db"}).exit_code == 2);
}

TEST_CASE("e2e sync: --with-data copies artifact files, verified, and the records follow them")
{
    mlrun::test::TempDir served_artifacts;
    mlrun::test::ServeProcess serve{{"--artifact-path", served_artifacts.path().string()}};
    Mlrun mlrun;
    mlrun.home().write("h.py", "def train(context):\n"
                               "    with open('model.txt', 'w') as f:\n"
                               "        f.write('weights ' * 100)\n"
                               "    context.log_artifact('model', local_path='model.txt')\n");
    REQUIRE(mlrun({"run", "h.py", "--handler", "train", "--project", "demo"}).exit_code == 0);
    const auto run = Json::parse(mlrun({"runs", "show", "latest", "--output", "json"}).out);
    const std::string uid = run["metadata"]["uid"];
    const std::string original = run["status"]["artifacts"][0]["spec"]["target_path"];

    // A file that no longer matches its recorded hash is not copied, nor its record stored.
    const std::string saved = mlrun::test::read_text(original);
    {
        std::ofstream{original, std::ios::app} << "tampered";
    }
    const auto refused = mlrun({"sync", "push", "--to", serve.url(), "--with-data"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("does not match its recorded hash") != std::string::npos);
    std::ofstream{original, std::ios::trunc} << saved;

    const auto pushed = mlrun({"sync", "push", "--to", serve.url(), "--with-data"});
    INFO(pushed.out, pushed.err);
    REQUIRE(pushed.exit_code == 0);
    CHECK(pushed.out.find("artifact data 800 B copied into " + served_artifacts.path().string()) !=
          std::string::npos);
    const auto copy = served_artifacts.path() / "demo" / uid / "0" / "model.txt";
    CHECK(std::filesystem::file_size(copy) == 800);
    mlrun.set_env("MLRUN_DBPATH", serve.url());
    const auto there = Json::parse(
        mlrun({"artifacts", "list", "-p", "demo", "--output", "json"}).out)["artifacts"];
    REQUIRE(there.size() == 1);
    CHECK(there[0]["spec"]["target_path"] == copy.string());
    const auto stored_run =
        Json::parse(mlrun({"runs", "show", uid, "-p", "demo", "--output", "json"}).out);
    CHECK(stored_run["status"]["artifacts"][0]["spec"]["target_path"] == copy.string());
    // Pushed again: nothing copied, no data either.
    mlrun.set_env("MLRUN_DBPATH", "");
    const auto again = mlrun({"sync", "push", "--to", serve.url(), "--with-data"});
    CHECK(again.out.find("artifacts 0 copied / 1 already there; artifact data 0 B") !=
          std::string::npos);
    CHECK(mlrun({"sync", "push", "--to", "x.db", "--with-data"}).exit_code == 2);
}

// `mlrun runs rerun`: the same function, handler, parameters and inputs as an earlier run, with
// overrides, where the original ran; `latest` and `@-N` name runs wherever a uid is taken.

#include <doctest/doctest.h>

#include "tests/e2e/serve_fixture.hpp"

namespace {

using Json = nlohmann::json;
using mlrun::test::Mlrun;

}  // namespace

TEST_CASE("e2e rerun: a local run again with an override, named by latest and @-1")
{
    Mlrun mlrun;
    mlrun.home().write("data.csv", "a,b\n1,2\n");
    mlrun.home().write("h.py", "def train(context, data, lr=0.1, epochs=1):\n"
                               "    rows = len(open(data.local()).read().splitlines())\n"
                               "    context.log_result('score', rows * lr * epochs)\n");
    const auto first = mlrun({"run", "h.py", "--handler", "train", "-p", "lr=0.2", "-p", "epochs=3",
                              "-i", "data=data.csv", "--project", "re"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    const auto original = mlrun.show_run("latest");
    const std::string uid = original["metadata"]["uid"];

    const auto again = mlrun({"runs", "rerun", uid.substr(0, 8), "-p", "lr=0.5"});
    INFO(again.out, again.err);
    REQUIRE(again.exit_code == 0);
    const auto rerun = mlrun.show_run("latest");
    CHECK(rerun["metadata"]["uid"] != uid);
    CHECK(rerun["metadata"]["labels"]["rerun-of"] == uid);
    CHECK(rerun["spec"]["parameters"] == Json{{"lr", 0.5}, {"epochs", 3}});
    CHECK(rerun["spec"]["handler"] == "train");
    CHECK(rerun["spec"]["function"] == original["spec"]["function"]);
    CHECK(rerun["spec"]["inputs"] == original["spec"]["inputs"]);
    CHECK(rerun["status"]["results"]["score"] == doctest::Approx(3.0));  // 2 rows * 0.5 * 3
    CHECK(mlrun.show_run("@-1")["metadata"]["uid"] == uid);

    // The rerun of a rerun points at its own original.
    REQUIRE(mlrun({"runs", "rerun", "latest"}).exit_code == 0);
    CHECK(mlrun.show_run("latest")["metadata"]["labels"]["rerun-of"] == rerun["metadata"]["uid"]);

    const auto none = mlrun({"runs", "show", "@-9"});
    CHECK(none.exit_code == 1);
    CHECK(none.err.find("no run is @-9") != std::string::npos);
    CHECK(mlrun({"logs", "@-1"}).exit_code == 0);
}

TEST_CASE("e2e rerun: a job that ran on an API is submitted there again")
{
    mlrun::test::ServeProcess serve;
    Mlrun mlrun;
    mlrun.set_env("MLRUN_DBPATH", serve.url());
    mlrun.set_env("MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR", "0");
    mlrun.set_env("MLRUN_HTTPDB__LOGS__PULL_LOGS_DEFAULT_INTERVAL", "0.1");
    mlrun.home().write("train.py", "def train(context, rows: int = 1):\n"
                                   "    print('rows', rows, flush=True)\n"
                                   "    context.log_result('rows', rows)\n");
    mlrun.home().write("fn.yaml", "kind: job\nmetadata:\n  name: trainer\nspec:\n"
                                  "  command: train.py\n  default_handler: train\n");
    REQUIRE(mlrun::test::raw_request(serve.url(), "POST", "/api/v1/projects",
                                     R"({"metadata": {"name": "jobs"}})")
                .status == 201);
    const auto first =
        mlrun({"run", "-f", "fn.yaml", "--project", "jobs", "-p", "rows=2", "--watch"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    const auto original = mlrun.show_run("latest", {"-p", "jobs"});
    const auto again =
        mlrun({"runs", "rerun", "latest", "--project", "jobs", "-p", "rows=7", "--watch"});
    INFO(again.out, again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(again.out.find("rows 7") != std::string::npos);
    const auto rerun = mlrun.show_run("latest", {"-p", "jobs"});
    CHECK(rerun["metadata"]["labels"]["rerun-of"] == original["metadata"]["uid"]);
    CHECK(rerun["metadata"]["labels"]["kind"] == "job");  // submitted, as the original was
    CHECK(rerun["status"]["results"]["rows"] == 7);
}

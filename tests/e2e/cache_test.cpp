// `mlrun run --cache`: a completed run of the same code, spec, handler, parameters and inputs is
// reused (a new run records its results, cached_from) unless its artifacts changed; --explain
// says hit or what changed.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/harness.hpp"

namespace {

using Json = nlohmann::json;
using mlrun::test::Mlrun;

mlrun::test::ProcessResult train(const Mlrun& mlrun, std::vector<std::string> extra = {})
{
    std::vector<std::string> args = {"run",           "h.py", "--handler", "train",    "-i",
                                     "data=data.csv", "-p",   "lr=0.5",    "--explain"};
    args.insert(args.end(), extra.begin(), extra.end());
    return mlrun(args);
}

}  // namespace

TEST_CASE("e2e cache: hit, miss after a code or input change, never for a failed run")
{
    Mlrun mlrun;
    mlrun.home().write("data.csv", "a,b\n1,2\n");
    mlrun.home().write("h.py", "def train(context, data, lr=0.1):\n"
                               "    rows = len(open(data.local()).read().splitlines())\n"
                               "    print('ran with', rows, 'rows')\n"
                               "    context.log_result('score', rows * lr)\n"
                               "    context.log_artifact('model', body='w=' + str(rows), "
                               "format='txt')\n");

    // Off by default: nothing is looked up, and --explain says so.
    const auto off = train(mlrun);
    REQUIRE_MESSAGE(off.exit_code == 0, off.err);
    CHECK(off.err.find("cache off") != std::string::npos);

    const auto first = train(mlrun, {"--cache"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    CHECK(first.err.find("cache miss: no earlier run of h was cached") != std::string::npos);
    CHECK(first.out.find("ran with 2 rows") != std::string::npos);
    const auto original = mlrun.show_run("latest");

    const auto hit = train(mlrun, {"--cache"});
    REQUIRE_MESSAGE(hit.exit_code == 0, hit.err);
    CHECK(hit.err.find("cache hit") != std::string::npos);
    CHECK(hit.out.find("ran with") == std::string::npos);  // nothing ran
    const auto cached = mlrun.show_run("latest");
    CHECK(cached["metadata"]["uid"] != original["metadata"]["uid"]);
    CHECK(cached["status"]["cached_from"] == original["metadata"]["uid"]);
    CHECK(cached["status"]["state"] == "completed");
    CHECK(cached["status"]["results"] == original["status"]["results"]);
    CHECK(cached["status"]["artifacts"] == original["status"]["artifacts"]);
    const std::string cached_uid = cached["metadata"]["uid"];
    CHECK(mlrun({"logs", cached_uid}).out.find("cached: the results of run") != std::string::npos);

    // The configuration turns it on too (MLRUN_RUN__CACHE), --no-cache off.
    const auto configured = train(mlrun, {}).exit_code;
    CHECK(configured == 0);
    const auto by_config = mlrun(
        {"run", "h.py", "--handler", "train", "-i", "data=data.csv", "-p", "lr=0.5", "--explain"},
        {{"MLRUN_RUN__CACHE", "true"}});
    CHECK(by_config.err.find("cache hit") != std::string::npos);
    const auto forced = mlrun(
        {"run", "h.py", "--handler", "train", "-i", "data=data.csv", "-p", "lr=0.5", "--no-cache"},
        {{"MLRUN_RUN__CACHE", "true"}});
    CHECK(forced.out.find("ran with 2 rows") != std::string::npos);

    // Another parameter value, another input content, other code: each a miss naming it.
    CHECK(train(mlrun, {"--cache", "-p", "lr=0.7"}).err.find("changed: parameters") !=
          std::string::npos);
    mlrun.home().write("data.csv", "a,b\n1,2\n3,4\n");
    const auto new_input = train(mlrun, {"--cache"});
    CHECK(new_input.err.find("inputs.data") != std::string::npos);
    CHECK(new_input.out.find("ran with 3 rows") != std::string::npos);
    mlrun.home().write("h.py", "def train(context, data, lr=0.1):\n"
                               "    context.log_result('score', -1)\n");
    CHECK(train(mlrun, {"--cache"}).err.find("changed: code") != std::string::npos);

    // An artifact file of the earlier run gone: no hit.
    const auto again = train(mlrun, {"--cache"});
    CHECK(again.err.find("cache hit") != std::string::npos);
    mlrun.home().write("h.py", "def train(context, data, lr=0.1):\n"
                               "    context.log_artifact('model', body='x', format='txt')\n");
    REQUIRE(train(mlrun, {"--cache"}).exit_code == 0);
    const auto produced = mlrun.show_run("latest")["status"]["artifacts"][0]["spec"]["target_path"];
    std::filesystem::remove(produced.get<std::string>());
    const auto gone = train(mlrun, {"--cache"});
    CHECK(gone.err.find("cache miss: the earlier run with this key cannot be reused: artifact "
                        "model is gone") != std::string::npos);

    // A failed run is never reused.
    mlrun.home().write("h.py", "def train(context, data, lr=0.1):\n    raise ValueError('no')\n");
    CHECK(train(mlrun, {"--cache"}).exit_code == 1);
    const auto after_failure = train(mlrun, {"--cache"});
    CHECK(after_failure.exit_code == 1);
    CHECK(after_failure.err.find("cache hit") == std::string::npos);
    CHECK(after_failure.err.find("ended error") != std::string::npos);
}

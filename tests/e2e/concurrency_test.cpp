// 16 writers each make 50 runs (10 under a sanitizer) of ONE run name (so every run's artifact
// lands on the same MLRun path, `<artifact path>/<run name>/<iter>/<key>`), while readers list runs
// and artifacts. Afterwards every run is there, completed, and every artifact record still matches
// the file it points to (size and sha1): no run's recorded data was overwritten by another.

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "lib/util/hash.hpp"
#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using mlrun::test::read_text;
using Json = nlohmann::json;

TEST_CASE("concurrency: 16 writers x many runs of one name, with readers; every record matches")
{
    constexpr int writers = 16;
    // Sixteen writers contend the same way with fewer runs each; a sanitizer build (several
    // times slower per process) keeps the contention and runs a fifth of the work.
    constexpr int runs_each = mlrun::test::slowdown > 1 ? 10 : 50;
    Mlrun mlrun;
    mlrun.home().write("h.py", "def main(context, writer: int = 0, index: int = 0):\n"
                               "    body = f'writer {writer} run {index} {context.uid}\\n' * 64\n"
                               "    context.log_artifact('data', body=body)\n"
                               "    context.log_result('n', index)\n");
    const auto artifacts = (mlrun.home() / "artifacts").string();
    std::atomic<int> failures{0};
    std::atomic<bool> writing{true};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            for (int i = 0; i < runs_each; ++i) {
                const auto result =
                    mlrun({"run", "--handler", "main", "--name", "shared", "-p",
                           "writer=" + std::to_string(w), "-p", "index=" + std::to_string(i),
                           "--out-path", artifacts, "h.py"},
                          {});
                if (result.exit_code != 0) {
                    ++failures;
                    MESSAGE("writer " << w << " run " << i << ": exit " << result.exit_code
                                      << std::string{result.timed_out ? " (timed out)" : ""} << ": "
                                      << result.err);
                }
            }
        });
    }
    std::atomic<int> reads{0};
    std::atomic<int> read_failures{0};
    std::thread reader([&] {
        while (writing) {
            for (const std::vector<std::string>& args :
                 {std::vector<std::string>{"get", "runs", "--output", "json"},
                  std::vector<std::string>{"artifacts", "list"}}) {
                const auto result = mlrun(args);
                ++reads;
                if (result.exit_code != 0) {
                    ++read_failures;
                    MESSAGE("reader: exit " << result.exit_code
                                            << std::string{result.timed_out ? " (timed out)" : ""}
                                            << ": " << result.err);
                }
            }
        }
    });
    for (auto& thread : threads) {
        thread.join();
    }
    writing = false;
    reader.join();
    CHECK(failures == 0);
    CHECK(read_failures == 0);
    CHECK(reads > 0);

    const auto listed = mlrun({"get", "runs", "--name", "shared", "--output", "json"});
    REQUIRE(listed.exit_code == 0);
    const auto runs = Json::parse(listed.out)["runs"];
    REQUIRE(runs.is_array());
    CHECK(runs.size() == writers * runs_each);
    for (const auto& run : runs) {
        CHECK(run["status"]["state"] == "completed");
    }

    const auto all = mlrun({"artifacts", "list", "--output", "json"});
    REQUIRE(all.exit_code == 0);
    const auto records = Json::parse(all.out)["artifacts"];
    REQUIRE(records.is_array());
    CHECK(records.size() == writers * runs_each);
    int matching = 0;
    for (const auto& record : records) {
        const auto path = record["spec"]["target_path"].get<std::string>();
        REQUIRE(std::filesystem::is_regular_file(path));
        const auto data = read_text(path);
        const bool same = data.size() == record["spec"]["size"].get<std::size_t>() &&
                          mlrun::util::sha1_hex(data) == record["metadata"]["hash"];
        matching += same ? 1 : 0;
        const auto tree = record["metadata"]["tree"].get<std::string>();
        CHECK_MESSAGE(data.find(tree) != std::string::npos, "record of ", tree, " at ", path);
    }
    CHECK(matching == writers * runs_each);
}

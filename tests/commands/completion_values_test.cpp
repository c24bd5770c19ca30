// `mlrun __complete` offers values, not only commands and options: get kinds, output formats,
// templates, config operations, projects, functions of ./project.yaml and run uids (newest
// first) from the embedded store.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/in_process.hpp"

using mlrun::test::InProcessMlrun;

namespace {

std::string run_line(const std::string& project, const std::string& uid, int day)
{
    return nlohmann::json{{"metadata", {{"name", "r"}, {"uid", uid}, {"project", project}}},
                          {"status",
                           {{"state", "completed"},
                            {"start_time", "2026-11-0" + std::to_string(day) + "T10:00:00Z"}}}}
        .dump();
}

}  // namespace

TEST_CASE("completion: values of kinds, formats, templates and config operations")
{
    InProcessMlrun mlrun;
    CHECK(mlrun({"__complete", "get", ""}).out ==
          "runs\nartifacts\nfunctions\nprojects\nworkflows\n");
    CHECK(mlrun({"__complete", "get", "runs", "--output", ""}).out == "table\njson\nyaml\n");
    CHECK(mlrun({"__complete", "get", "runs", "--output", "j"}).out == "json\n");
    CHECK(mlrun({"__complete", "config", ""}).out == "get\nset\nclear\n");
    CHECK(mlrun({"__complete", "project", "create", "x", "--template", "py"}).out ==
          "python-job\n");
    // After a value, options and commands again.
    CHECK(mlrun({"__complete", "get", "runs", "--output", "json", "--li"}).out == "--limit\n");
}

TEST_CASE("completion: run uids newest first, projects and functions, from what is here")
{
    InProcessMlrun mlrun;
    mlrun.home().write("runs.jsonl", run_line("demo", "aaa1", 1) + "\n" +
                                         run_line("other", "bbb2", 3) + "\n" +
                                         run_line("demo", "abc3", 2) + "\n");
    REQUIRE(mlrun({"runs", "import", "runs.jsonl"}).exit_code == 0);
    CHECK(mlrun({"__complete", "logs", ""}).out == "bbb2\nabc3\naaa1\n");
    CHECK(mlrun({"__complete", "runs", "show", "a"}).out == "abc3\naaa1\n");
    CHECK(mlrun({"__complete", "runs", "diff", "aaa1", "b"}).out == "bbb2\n");
    const auto projects = mlrun({"__complete", "get", "runs", "-p", ""}).out;
    CHECK(projects.find("demo\n") != std::string::npos);
    CHECK(projects.find("other\n") != std::string::npos);
    mlrun.home().write("project.yaml", "kind: project\nmetadata:\n  name: p\nspec:\n  functions:\n"
                                       "  - name: trainer\n    url: t.py\n"
                                       "  - name: prep\n    url: p.py\n");
    CHECK(mlrun({"__complete", "run", "-f", ""}).out == "trainer\nprep\n");
    // An API is never asked while completing.
    CHECK(mlrun({"__complete", "logs", ""}, {{"MLRUN_DBPATH", "http://127.0.0.1:9"}}).out.empty());
}

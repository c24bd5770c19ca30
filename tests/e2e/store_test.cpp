// The embedded store through the built binary: `mlrun get` and `mlrun runs`, store location,
// concurrent writers, hostile files.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using mlrun::test::read_text;
using nlohmann::json;

namespace {

std::string run_line(const std::string& project, const std::string& uid, const std::string& name,
                     const std::string& state, int day, int iteration = 0)
{
    return json{
        {"metadata",
         {{"name", name},
          {"uid", uid},
          {"iteration", iteration},
          {"project", project},
          {"labels", {{"owner", "ci"}, {"team", day % 2 == 0 ? "a" : "b"}}}}},
        {"spec", {{"handler", "train"}, {"parameters", {{"lr", 0.1 * day}, {"epochs", day}}}}},
        {"status",
         {{"state", state},
          {"results", {{"accuracy", 0.5 + day / 100.0}}},
          {"start_time", "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day) +
                             "T10:00:00.000000+00:00"}}}}
        .dump();
}

std::vector<std::string> uids_of(const std::string& output)
{
    std::vector<std::string> uids;
    const auto document = json::parse(output);
    for (const auto& run : document["runs"]) {
        uids.push_back(run["metadata"]["uid"]);
    }
    return uids;
}

}  // namespace

TEST_CASE("e2e store: import, get runs with filters, show, diff, export, delete")
{
    Mlrun mlrun;
    std::string lines;
    lines += run_line("demo", "a1", "train", "completed", 1) + "\n";
    lines += run_line("demo", "b2", "train", "error", 2) + "\n";
    lines += run_line("demo", "c3", "prep", "completed", 3) + "\n";
    lines += run_line("demo", "c3", "prep", "completed", 3, 1) + "\n";
    lines += run_line("other", "d4", "train", "completed", 4) + "\n";
    mlrun.home().write("runs.jsonl", lines);

    auto result = mlrun({"runs", "import", "runs.jsonl"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("imported 5 run(s) into " +
                          (mlrun.home() / ".mlrun" / "mlrun.db").string()) == 0);
    result = mlrun({"runs", "import", "runs.jsonl"});  // idempotent
    CHECK(result.exit_code == 0);

    result = mlrun({"get", "runs", "-p", "demo"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.starts_with("   name   uid  iter  start            state      parameters"));
    CHECK(result.out.find("\n-  -----  ---  ----  ---------------  ---------  ---") !=
          std::string::npos);
    CHECK(result.out.find("0  prep   c3   0     Nov 03") != std::string::npos);
    CHECK(result.out.find("epochs=2,lr=0.2") != std::string::npos);

    CHECK(uids_of(mlrun({"get", "runs", "-p", "demo", "--output", "json"}).out) ==
          std::vector<std::string>{"c3", "b2", "a1"});
    CHECK(uids_of(
              mlrun({"runs", "list", "-p", "demo", "--state", "error", "--output", "json"}).out) ==
          std::vector<std::string>{"b2"});
    CHECK(uids_of(mlrun({"runs", "list", "-p", "demo", "-s", "team=b", "--output", "json"}).out) ==
          std::vector<std::string>{"c3", "a1"});
    CHECK(uids_of(mlrun({"runs", "list", "-p", "*", "--sort", "oldest", "--limit", "2", "--output",
                         "json"})
                      .out) == std::vector<std::string>{"a1", "b2"});
    CHECK(uids_of(mlrun({"runs", "list", "-p", "demo", "--since", "2026-11-02", "--until",
                         "2026-11-03", "--output", "json"})
                      .out) == std::vector<std::string>{"b2"});
    CHECK(json::parse(mlrun({"get", "runs", "-p", "demo", "--all-iterations", "--output", "json"})
                          .out)["runs"]
              .size() == 4);
    CHECK(mlrun({"get", "runs", "-p", "demo", "--state", "bogus"}).exit_code == 2);
    CHECK(mlrun({"get", "runs", "-p", "demo", "--since", "yesterday-ish"}).exit_code == 2);

    // The default project comes from the configuration, with MLRun's warning.
    result = mlrun({"get", "runs"}, {{"MLRUN_DEFAULT_PROJECT", "other"}});
    CHECK(result.out.find("Project parameter was not specified. Defaulting to 'other' project") !=
          std::string::npos);
    CHECK(result.out.find("d4") != std::string::npos);
    result = mlrun({"get", "runs", "--output", "json"}, {{"MLRUN_DEFAULT_PROJECT", "other"}});
    CHECK(json::parse(result.out)["runs"].size() == 1);  // the warning went to stderr
    CHECK(result.err.find("Defaulting to 'other' project") != std::string::npos);

    // One run, the real tool's way and ours.
    result = mlrun({"get", "run", "b2", "-p", "demo"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("uid: b2") != std::string::npos);
    CHECK(result.out.find("state: error") != std::string::npos);
    CHECK(mlrun({"runs", "show", "c3", "-p", "demo", "--iter", "1"}).out.find("iteration: 1") !=
          std::string::npos);
    result = mlrun({"runs", "show", "zz", "-p", "demo"});
    CHECK(result.exit_code == 1);
    CHECK(result.err ==
          "error: run 'zz' not found in project 'demo'\nhint: try 'mlrun get runs -p demo'\n");
    CHECK(mlrun({"get", "runs", "-p", "demo", "--tag", "x"})
              .out.find("Unsupported argument '--tag'") == 0);
    const auto unknown_kind = mlrun({"get", "nonsense"});
    CHECK(unknown_kind.exit_code == 2);  // a typo is a usage error
    CHECK(unknown_kind.err.find("unknown kind 'nonsense': get runs | artifacts") !=
          std::string::npos);

    // Diff.
    result =
        mlrun({"runs", "diff", "a1", "b2", "-p", "demo", "--only-changed", "--output", "json"});
    CHECK(result.exit_code == 0);
    const auto fields = json::parse(result.out)["fields"];
    std::vector<std::string> changed;
    for (const auto& field : fields) {
        changed.push_back(field["field"]);
    }
    CHECK(std::find(changed.begin(), changed.end(), "state") != changed.end());
    CHECK(std::find(changed.begin(), changed.end(), "parameters.lr") != changed.end());
    CHECK(std::find(changed.begin(), changed.end(), "labels.owner") == changed.end());
    CHECK(mlrun({"runs", "diff", "a1", "b2", "-p", "demo"}).out.find("*  state") !=
          std::string::npos);

    // Export then restore into a fresh store: the same runs.
    result = mlrun({"runs", "export", "-p", "*"});
    CHECK(result.exit_code == 0);
    std::size_t exported = 0;
    for (std::size_t at = 0; (at = result.out.find('\n', at)) != std::string::npos; ++at) {
        ++exported;
    }
    CHECK(exported == 5);
    mlrun.home().write("backup.jsonl", result.out);
    const auto other_store = (mlrun.home() / "restored.db").string();
    CHECK(mlrun({"runs", "import", "backup.jsonl", "--db", other_store}).exit_code == 0);
    CHECK(mlrun({"runs", "export", "-p", "*", "--db", other_store}).out == result.out);
    // To a file: written whole, then renamed over it; a failed export replaces nothing.
    CHECK(mlrun({"runs", "export", "-p", "*", "-O", "file.jsonl"}).exit_code == 0);
    CHECK(read_text(mlrun.home() / "file.jsonl") == result.out);
    CHECK_FALSE(std::filesystem::exists(mlrun.home() / "file.jsonl.part"));
    mlrun.home().write("broken.db", "not a store");
    CHECK(mlrun({"runs", "export", "-p", "*", "-O", "file.jsonl", "--db",
                 (mlrun.home() / "broken.db").string()})
              .exit_code == 1);
    CHECK(read_text(mlrun.home() / "file.jsonl") == result.out);
    CHECK_FALSE(std::filesystem::exists(mlrun.home() / "file.jsonl.part"));

    // Delete: by uid, then by filter with and without confirmation.
    CHECK(mlrun({"runs", "delete", "a1", "nope", "-p", "demo"}).exit_code == 1);  // all or nothing
    CHECK(mlrun({"runs", "show", "a1", "-p", "demo"}).exit_code == 0);
    CHECK(mlrun({"runs", "delete", "-p", "demo"}).exit_code == 2);
    result = mlrun({"runs", "delete", "-p", "demo", "--state", "completed"});  // stdin empty: no
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("not confirmed; nothing deleted") != std::string::npos);
    CHECK(mlrun({"runs", "show", "a1", "-p", "demo"}).exit_code == 0);
    result = mlrun({"runs", "delete", "-p", "demo", "--state", "completed", "--yes"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "deleted 2 run(s) (3 including iterations)\n");
    CHECK(uids_of(mlrun({"runs", "list", "-p", "demo", "--output", "json"}).out) ==
          std::vector<std::string>{"b2"});
    CHECK(mlrun({"runs", "delete", "b2", "-p", "demo"}).exit_code == 0);
}

TEST_CASE("e2e store: a run is named by a unique uid prefix, found in any project without -p")
{
    Mlrun mlrun;
    mlrun.home().write("runs.jsonl", run_line("demo", "aa11", "train", "completed", 1) + "\n" +
                                         run_line("demo", "aa22", "train", "completed", 2) + "\n" +
                                         run_line("other", "bb33", "prep", "completed", 3) + "\n");
    REQUIRE(mlrun({"runs", "import", "runs.jsonl"}).exit_code == 0);

    auto result = mlrun({"get", "run", "aa1", "-p", "demo", "--output", "json"});
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["metadata"]["uid"] == "aa11");
    // No -p: found in its project, and the answer says which.
    result = mlrun({"runs", "show", "bb", "--output", "json"});
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["metadata"]["project"] == "other");
    CHECK(result.err.find("run bb33 is in project 'other'") != std::string::npos);
    result = mlrun({"logs", "bb3"});
    CHECK(result.exit_code == 0);
    // An ambiguous prefix is a usage error listing the matches; nothing is deleted.
    result = mlrun({"runs", "delete", "aa"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("'aa' names 2 runs in any project: ") != std::string::npos);
    CHECK(result.err.find("aa11 (train, project demo)") != std::string::npos);
    CHECK(uids_of(mlrun({"get", "runs", "-p", "*", "--output", "json"}).out).size() == 3);
    // A delete's --uid names one run: an ambiguous prefix deletes nothing.
    result = mlrun({"runs", "delete", "--uid", "aa", "-p", "*", "--yes"});
    CHECK(result.exit_code == 2);
    CHECK(uids_of(mlrun({"get", "runs", "-p", "*", "--output", "json"}).out).size() == 3);
    result = mlrun({"runs", "diff", "aa1", "aa2", "--output", "json"});
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["b"] == "aa22");
    result = mlrun({"runs", "delete", "aa2", "--yes"});
    CHECK(result.exit_code == 0);
    CHECK(uids_of(mlrun({"get", "runs", "-p", "*", "--output", "json"}).out) ==
          std::vector<std::string>{"bb33", "aa11"});
    // A listing's --uid filter takes a prefix as well.
    CHECK(uids_of(mlrun({"get", "runs", "-p", "*", "--uid", "bb", "--output", "json"}).out) ==
          std::vector<std::string>{"bb33"});
    result = mlrun({"logs", "zz", "-p", "demo"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("run 'zz' not found in project 'demo'") != std::string::npos);
}

TEST_CASE("e2e store: location from MLRUN_DBPATH, MLRUN_HOME and --db; reads create nothing")
{
    Mlrun mlrun;
    CHECK(mlrun({"get", "runs", "-p", "x"}).exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(mlrun.home() / ".mlrun"));
    mlrun.home().write("one.jsonl", run_line("p", "u1", "n", "completed", 1) + "\n");
    CHECK(
        mlrun({"runs", "import", "one.jsonl"}, {{"MLRUN_HOME", (mlrun.home() / "custom").string()}})
            .exit_code == 0);
    CHECK(std::filesystem::exists(mlrun.home() / "custom" / "mlrun.db"));
    const auto url = "sqlite:///" + (mlrun.home() / "via-url.db").string();
    CHECK(mlrun({"runs", "import", "one.jsonl"}, {{"MLRUN_DBPATH", url}}).exit_code == 0);
    CHECK(std::filesystem::exists(mlrun.home() / "via-url.db"));
    CHECK(mlrun({"runs", "show", "u1", "-p", "p", "--db", (mlrun.home() / "via-url.db").string()})
              .exit_code == 0);
    auto result = mlrun({"get", "runs", "--db", "ftp://example.com/x"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("unsupported store URL") != std::string::npos);
    result = mlrun({"get", "runs", "-p", "p"},
                   {{"MLRUN_DBPATH", "https://user:secretpw@mlrun.example.com"}});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("secretpw") == std::string::npos);
}

TEST_CASE("e2e store: hostile files are refused with exit 1 and left untouched")
{
    Mlrun mlrun;
    const std::string text = "definitely not sqlite\n";
    const auto path = mlrun.home().write("garbage.db", text);
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"get", "runs", "-p", "x", "--db", path.string()},
                                               {"runs", "import", "-", "--db", path.string()}}) {
        const auto result = mlrun(args);
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("is not an mlrun store") != std::string::npos);
        CHECK(read_text(path) == text);
    }
    mlrun.home().write("bad.jsonl", run_line("p", "ok", "n", "completed", 1) + "\n{not json\n");
    auto result = mlrun({"runs", "import", "bad.jsonl"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("bad.jsonl:2:") != std::string::npos);
    CHECK(mlrun({"runs", "show", "ok", "-p", "p"}).exit_code == 1);  // nothing imported
}

TEST_CASE("e2e store: 8 mlrun processes importing at once lose nothing")
{
    Mlrun mlrun;
    constexpr int processes = 8;
    constexpr int runs_each = 200;
    for (int p = 0; p < processes; ++p) {
        std::string lines;
        for (int i = 0; i < runs_each; ++i) {
            lines += run_line("load", "p" + std::to_string(p) + "-" + std::to_string(i), "w",
                              "completed", 1 + i % 28) +
                     "\n";
        }
        mlrun.home().write("batch" + std::to_string(p) + ".jsonl", lines);
    }
    std::vector<std::thread> threads;
    std::vector<mlrun::test::ProcessResult> results(processes);
    for (int p = 0; p < processes; ++p) {
        threads.emplace_back([&, p] {
            results[static_cast<std::size_t>(p)] =
                mlrun({"runs", "import", "batch" + std::to_string(p) + ".jsonl"});
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const auto& result : results) {
        CHECK(result.exit_code == 0);
        CHECK(result.err.find("locked") == std::string::npos);
    }
    const auto listed = json::parse(mlrun({"runs", "list", "-p", "load", "--output", "json"}).out);
    CHECK(listed["runs"].size() == processes * runs_each);
}

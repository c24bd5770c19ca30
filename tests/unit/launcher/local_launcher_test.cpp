// The local launcher under store faults: a job is never stopped because its log could not be
// appended, and a run whose result could not be stored does not stay "running".

#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/launcher/local_launcher.hpp"
#include "lib/launcher/rerun.hpp"
#include "lib/launcher/run_cache.hpp"
#include "lib/store/sqlite/sqlite_run_db.hpp"
#include "tests/support/faulty_run_db.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun;

namespace {

class Collect final : public launcher::RunOutput
{
public:
    void out(std::string_view bytes) override { text.append(bytes); }
    void err(std::string_view bytes) override { text.append(bytes); }
    std::string text;
};

launcher::LocalTask printing_task(const std::string& script)
{
    launcher::LocalTask task;
    task.run.metadata.project = "faults";
    task.run.metadata.name = "printer";
    task.run.metadata.uid = launcher::new_uid();
    task.mode = launcher::ExecutionMode::pass;
    task.command = {"sh", "-c", script};
    return task;
}

std::string whole_log(store::RunDB& db, const std::string& uid)
{
    return db.read_log("faults", uid, 0, 0).bytes;
}

}  // namespace

TEST_CASE("local_launcher: log appends that fail for a while are retried, the job runs on")
{
    store::SqliteRunDB store{":memory:", store::sqlite::OpenMode::read_write};
    int failures = 3;
    test::FaultyRunDB db{store, [&](std::string_view operation) {
                             if (operation == "append_log" && failures > 0) {
                                 --failures;
                                 throw Error("store 'x' stayed locked by another process for 30s");
                             }
                         }};
    const auto task = printing_task("for i in 1 2 3 4 5 6; do echo line $i; sleep 0.4; done");
    Collect output;
    const auto run = launcher::execute_local(task, db, output, nullptr);
    CHECK(run.status.state == model::RunState::completed);
    CHECK(failures == 0);
    CHECK(whole_log(store, task.run.metadata.uid) ==
          "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n");
    CHECK_FALSE(run.status.extra.contains("log_warning"));
}

TEST_CASE("local_launcher: a log that can never be stored is reported, the run still completes")
{
    store::SqliteRunDB store{":memory:", store::sqlite::OpenMode::read_write};
    test::FaultyRunDB db{store, [&](std::string_view operation) {
                             if (operation == "append_log") {
                                 throw Error("disk full while writing store 'x'");
                             }
                         }};
    Collect output;
    const auto run =
        launcher::execute_local(printing_task("echo one; echo two"), db, output, nullptr);
    CHECK(run.status.state == model::RunState::completed);
    CHECK(output.text.find("mlrun: warning: 8 bytes of the output could not be stored in the "
                           "run's log: disk full") != std::string::npos);
    CHECK(store.read_run("faults", run.metadata.uid, 0).status.extra.contains("log_warning"));
}

TEST_CASE("local_launcher: a result the store refuses leaves the run in error, not running")
{
    store::SqliteRunDB store{":memory:", store::sqlite::OpenMode::read_write};
    int stores = 0;
    test::FaultyRunDB db{store, [&](std::string_view operation) {
                             if (operation == "store_run" && ++stores == 2) {
                                 throw Error("disk full while writing store 'x'; nothing was "
                                             "changed");
                             }
                         }};
    auto task = printing_task("echo done");
    Collect output;
    CHECK_THROWS_WITH_AS(launcher::execute_local(task, db, output, nullptr),
                         doctest::Contains("disk full"), Error);
    const auto stored = store.read_run("faults", task.run.metadata.uid, 0);
    CHECK(stored.status.state == model::RunState::error);
    CHECK(stored.status.error.find("could not record the result: disk full") != std::string::npos);
}

TEST_CASE("rerun_task: the original's function, handler, parameters and inputs, with overrides")
{
    mlrun::model::Run original;
    original.metadata.name = "train";
    original.metadata.uid = "u1";
    original.metadata.project = "p";
    original.metadata.labels = {{"kind", "local"}, {"owner", "ann"}, {"host", "h"}, {"team", "a"}};
    original.spec.function = "p/train@abc";
    original.spec.handler = "train";
    original.spec.parameters = {{"lr", 0.1}, {"epochs", 3}};
    original.spec.inputs = {{"data", "store://artifacts/p/data"}};
    original.spec.hyperparams = {{"batch", {16, 32}}};
    original.status.state = mlrun::model::RunState::completed;
    original.status.results = {{"accuracy", 0.9}};
    const auto task = mlrun::launcher::rerun_task(original, {{"lr", 0.5}});
    CHECK(task.metadata.uid.empty());
    CHECK(task.metadata.labels ==
          mlrun::Json{{"kind", "local"}, {"team", "a"}, {"rerun-of", "u1"}});
    CHECK(task.spec.parameters == mlrun::Json{{"lr", 0.5}, {"epochs", 3}});
    CHECK(task.spec.inputs == original.spec.inputs);
    CHECK(task.spec.hyperparams == original.spec.hyperparams);
    CHECK(task.status.results.empty());
    CHECK(mlrun::launcher::rerun_function_url(original) == "db://p/train@abc");
    CHECK_FALSE(mlrun::launcher::ran_remotely(original));
    original.metadata.labels["kind"] = "job";
    CHECK(mlrun::launcher::ran_remotely(original));
    original.spec.function.clear();
    CHECK_THROWS_AS(mlrun::launcher::rerun_task(original, {}), mlrun::Error);
}

TEST_CASE("run cache key: stable across key order; each part changes it and is named")
{
    mlrun::test::TempDir dir;
    const auto code = dir.write("h.py", "def train(context):\n    pass\n");
    const auto data = dir.write("data.csv", "a\n1\n");
    mlrun::model::Function function;
    function.kind = "job";
    function.metadata.name = "h";
    function.spec.image = "mlrun/mlrun";
    function.spec.build = {{"code_origin", "/somewhere#abc"}};
    mlrun::model::Run run;
    run.spec.handler = "train";
    run.spec.parameters = {{"a", 1}, {"b", 2}};
    run.spec.inputs = {{"data", data.string()}};
    const auto key = mlrun::launcher::run_cache_key(function, code, run, {});
    mlrun::model::Run reordered = run;
    reordered.spec.parameters = {{"b", 2}, {"a", 1}};
    CHECK(mlrun::launcher::run_cache_key(function, code, reordered, {}).key == key.key);
    // Where the code came from is not the code.
    function.spec.build["code_origin"] = "/elsewhere#def";
    CHECK(mlrun::launcher::run_cache_key(function, code, run, {}).key == key.key);

    run.spec.parameters["a"] = 3;
    auto changed = mlrun::launcher::run_cache_key(function, code, run, {});
    CHECK(changed.key != key.key);
    CHECK(mlrun::launcher::changed_parts(key.parts, changed.parts) ==
          std::vector<std::string>{"parameters"});
    run.spec.parameters["a"] = 1;
    dir.write("data.csv", "a\n2\n");
    changed = mlrun::launcher::run_cache_key(function, code, run, {});
    CHECK(mlrun::launcher::changed_parts(key.parts, changed.parts) ==
          std::vector<std::string>{"inputs.data"});
    dir.write("data.csv", "a\n1\n");
    function.spec.image = "mlrun/mlrun:1.7.0";
    changed = mlrun::launcher::run_cache_key(function, code, run, {});
    CHECK(mlrun::launcher::changed_parts(key.parts, changed.parts) ==
          std::vector<std::string>{"spec"});
    function.spec.image = "mlrun/mlrun";
    dir.write("h.py", "def train(context):\n    return 1\n");
    changed = mlrun::launcher::run_cache_key(function, code, run, {});
    CHECK(mlrun::launcher::changed_parts(key.parts, changed.parts) ==
          std::vector<std::string>{"code"});
    CHECK(mlrun::launcher::run_cache_key(function, code, run, {"--x"}).key != changed.key);
}

// `mlrun run` and `mlrun logs` through the built binary, with real Python processes.

#include <doctest/doctest.h>

#include <csignal>
#include <fcntl.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using mlrun::test::read_text;
using nlohmann::json;

namespace {

const char* const handlers = R"(import hashlib, os, time
import mlrun

def train(context, lr=0.1, epochs: int = 3, tags=None):
    context.logger.info("training", lr=lr)
    print("training with", lr, epochs, tags)
    context.log_result("accuracy", round(0.5 + lr, 4))
    context.log_results({"loss": round(1 - lr, 4), "epochs": epochs})
    with open("model.bin", "wb") as out:
        out.write(b"weights-" + str(lr).encode())
    context.log_artifact("model", local_path="model.bin")
    context.set_label("framework", "plain")

def types(context, a, b, c, d, e):
    context.log_results({"a": a, "b": b, "c": c, "d": d, "e": e})

def reads(context, data, path: str = ""):
    context.log_result("content", data.get(encoding="utf-8").strip())

def returns_value(x=1):
    return x * 2

def fail(context):
    print("about to fail")
    raise ValueError("bad input")

def slow(context, pid_file=""):
    import subprocess
    child = subprocess.Popen(["sleep", "60"])
    if pid_file:
        with open(pid_file, "w") as out:
            out.write(str(child.pid))
    print("started", flush=True)
    time.sleep(60)
)";

json run_of(const Mlrun& mlrun, const std::string& uid, const std::string& project = "default")
{
    return mlrun.show_run(uid, {"-p", project});
}

std::string only_uid(const Mlrun& mlrun, const std::string& project = "default")
{
    const auto listed = json::parse(mlrun({"get", "runs", "-p", project, "--output", "json"}).out);
    REQUIRE(listed["runs"].size() >= 1);
    return listed["runs"][0]["metadata"]["uid"];
}

// Alive and not a zombie (an orphan reparented to an init that does not reap stays a zombie).
bool process_alive(pid_t pid)
{
    const auto stat = read_text("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z' &&
           stat[close + 2] != 'X';
}

// Starts `mlrun ARGS` in the background in `mlrun`'s HOME, its output in `out_file`, and waits
// (20 s at most) until that output contains `ready`. Returns the pid.
pid_t start_mlrun(const Mlrun& mlrun, const std::vector<std::string>& args,
                  const std::string& out_file, const std::string& ready)
{
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        if (::chdir(mlrun.home().path().c_str()) != 0) {
            ::_exit(126);
        }
        ::setenv("HOME", mlrun.home().path().c_str(), 1);
        ::setenv("MLRUN_IGNORE_ENV_FILE", "1", 1);
        std::vector<char*> argv{const_cast<char*>(MLRUN_BIN)};
        for (const auto& arg : args) {
            argv.push_back(const_cast<char*>(arg.c_str()));
        }
        argv.push_back(nullptr);
        ::execv(MLRUN_BIN, argv.data());
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (read_text(out_file).find(ready) == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(read_text(out_file).find(ready) != std::string::npos);
    return pid;
}

}  // namespace

TEST_CASE("e2e run: a handler with parameters, results and an artifact is tracked in the store")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    auto result = mlrun({"run", "handlers.py", "--handler", "train", "-p", "lr=0.25", "-p",
                         "epochs=5", "--label", "team=ml"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("training with 0.25 5 None") != std::string::npos);
    CHECK(result.out.find("[info] training: {\"lr\":0.25}") != std::string::npos);
    CHECK(result.out.find(
              "Run execution finished: {\"name\":\"handlers\",\"status\":\"completed\"}") !=
          std::string::npos);

    const auto uid = only_uid(mlrun);
    // The run ends with what happened and how to look again.
    CHECK(result.out.find("Run handlers (" + uid + ") in project default: completed\n") !=
          std::string::npos);
    CHECK(result.out.find("  results:    accuracy=0.75,loss=0.75,epochs=5\n") != std::string::npos);
    CHECK(result.out.find("  artifacts:  model  store://artifacts/default/handlers_model#0@" + uid +
                          "\n") != std::string::npos);
    CHECK(result.out.ends_with("  mlrun get run " + uid + " -p default\n  mlrun logs " + uid +
                               " -p default\n"));
    const auto run = run_of(mlrun, uid);
    CHECK(run["status"]["state"] == "completed");
    CHECK(run["status"]["results"]["accuracy"] == 0.75);
    CHECK(run["status"]["results"]["epochs"] == 5);
    CHECK(run["spec"]["parameters"]["lr"] == 0.25);
    CHECK(run["metadata"]["labels"]["team"] == "ml");
    CHECK(run["metadata"]["labels"]["framework"] == "plain");
    CHECK(run["metadata"]["labels"]["kind"] == "local");
    CHECK(run["metadata"]["labels"].contains("owner"));
    CHECK(run["metadata"]["labels"].contains("host"));
    CHECK(run["spec"]["function"].get<std::string>().starts_with("default/handlers@"));
    CHECK(run["status"].contains("start_time"));
    // As MLRun records a run: its kind, thresholds and the keys it always writes; no others.
    CHECK(run["kind"] == "run");
    CHECK(run["spec"]["state_thresholds"]["executing"] == "24h");
    CHECK(run["spec"]["log_level"] == "info");
    CHECK(run["spec"]["output_path"] == "");
    CHECK_FALSE(run["status"].contains("end_time"));
    CHECK_FALSE(run["status"].contains("artifact_uris"));

    // The artifact: copied where MLRun puts it without an artifact path (./<run>/<iter>/<key>),
    // hashed, and findable by its store:// uri.
    const auto artifacts =
        json::parse(mlrun({"get", "artifacts", "-p", "default", "--output", "json"}).out);
    REQUIRE(artifacts["artifacts"].size() == 1);
    const auto& artifact = artifacts["artifacts"][0];
    const auto target = artifact["spec"]["target_path"].get<std::string>();
    CHECK(target == (mlrun.home() / "handlers" / "0" / "model.bin").string());
    CHECK(mlrun({"artifacts", "get", "store://artifacts/default/handlers_model#0@" + uid})
              .exit_code == 0);
    CHECK(read_text(target) == "weights-0.25");
    CHECK(artifact["spec"]["size"] == 12);
    CHECK(artifact["metadata"]["hash"].get<std::string>().size() == 40);

    // The log holds what the handler printed.
    result = mlrun({"logs", uid});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("training with 0.25 5 None") != std::string::npos);
    CHECK(result.out.ends_with("Final state: completed\n"));
    CHECK(mlrun({"logs", uid, "-f"}).exit_code == 0);
}

TEST_CASE("e2e run: parameter parsing follows Python literal rules")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    const auto result =
        mlrun({"run", "handlers.py", "--handler", "types", "-p", "a=5", "-p", "b='x y'", "-p",
               "c=[1, 2.5]", "-p", "d=true", "-p", "e={'k': None}", "-p", "ignored"});
    REQUIRE(result.exit_code == 0);
    const auto run = run_of(mlrun, only_uid(mlrun));
    CHECK(run["status"]["results"]["a"] == 5);
    CHECK(run["status"]["results"]["b"] == "x y");
    CHECK(run["status"]["results"]["c"] == json::array({1, 2.5}));
    CHECK(run["status"]["results"]["d"] == "true");  // JSON true stays a string, as in MLRun
    CHECK(run["status"]["results"]["e"] == json{{"k", nullptr}});
    CHECK(mlrun({"run", "handlers.py", "--handler", "types", "-p", "a=99999999999999999999"})
              .exit_code == 2);
}

TEST_CASE("e2e run: inputs, return values, scripts, module handlers and any command")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    mlrun.home().write("data.txt", "hello input\n");
    auto result = mlrun(
        {"run", "handlers.py", "--handler", "reads", "-i", "data=data.txt", "--project", "io"});
    REQUIRE(result.exit_code == 0);
    CHECK(run_of(mlrun, only_uid(mlrun, "io"), "io")["status"]["results"]["content"] ==
          "hello input");

    result = mlrun(
        {"run", "handlers.py", "--handler", "returns_value", "-p", "x=21", "--project", "ret"});
    REQUIRE(result.exit_code == 0);
    CHECK(run_of(mlrun, only_uid(mlrun, "ret"), "ret")["status"]["results"]["return"] == 42);

    // A script that uses get_or_create_ctx, with {param} substitution and args after --.
    mlrun.home().write("script.py",
                       "import sys, mlrun\nctx = mlrun.get_or_create_ctx('s')\n"
                       "print('args', sys.argv[1:])\nctx.log_result('argc', len(sys.argv))\n");
    result =
        mlrun({"run", "script.py --alpha {p}", "-p", "p=7", "--project", "scr", "--", "extra"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("args ['--alpha', '7', 'extra']") != std::string::npos);
    CHECK(run_of(mlrun, only_uid(mlrun, "scr"), "scr")["status"]["results"]["argc"] == 4);

    // A module handler, no file.
    result = mlrun({"run", "--handler", "json.dumps", "-p", "obj=[6, 7]", "--project", "mod"});
    REQUIRE(result.exit_code == 0);
    CHECK(run_of(mlrun, only_uid(mlrun, "mod"), "mod")["status"]["results"]["return"] == "[6, 7]");

    // Any program, through --command (pass mode).
    result = mlrun({"run", "--command", "sh -c exit", "--project", "cmd"});
    CHECK(result.exit_code == 0);
    mlrun.home().write("job.sh", "echo from bash $1\necho oops >&2\nexit 3\n");
    result = mlrun({"run", "--command", "bash job.sh {who}", "-p", "who=me", "--project", "cmd2"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("from bash me") != std::string::npos);
    CHECK(result.err.find("Runtime error: oops") != std::string::npos);
    CHECK(run_of(mlrun, only_uid(mlrun, "cmd2"), "cmd2")["status"]["state"] == "error");
}

TEST_CASE("e2e run: a failing handler ends in error, exits 1, and its traceback is in the log")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    auto result = mlrun({"run", "handlers.py", "--handler", "fail"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("error: Runtime error: bad input") != std::string::npos);
    const auto uid = only_uid(mlrun);
    CHECK(result.out.find("in project default: error\n  error:      bad input\n") !=
          std::string::npos);
    CHECK(result.out.find("  mlrun logs " + uid + " -p default\n") != std::string::npos);
    const auto run = run_of(mlrun, uid);
    CHECK(run["status"]["state"] == "error");
    CHECK(run["status"]["error"] == "bad input");
    result = mlrun({"logs", uid});
    CHECK(result.out.find("Traceback (most recent call last)") != std::string::npos);
    CHECK(result.out.find("ValueError: bad input") != std::string::npos);
    CHECK(result.out.ends_with("Final state: error\n"));
    CHECK(mlrun({"logs", uid, "--follow"}).exit_code == 1);
    CHECK(mlrun({"logs", uid, "--tail", "1"}).out == "ValueError: bad input\nFinal state: error\n");

    // A handler that is not in the file: one line naming the ones it has, no traceback.
    result = mlrun({"run", "handlers.py", "--handler", "nope"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("handler 'nope' not found in handlers.py (it has: ") !=
          std::string::npos);
    CHECK(result.err.find("train") != std::string::npos);
    CHECK(result.err.find("Traceback") == std::string::npos);
    CHECK(mlrun({"run", "missing.py"}).exit_code == 1);
    CHECK(mlrun({"logs", "no-such-uid"}).exit_code == 1);
}

TEST_CASE("e2e run: hyper-parameter runs (grid, list, random) pick the best iteration")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    auto result = mlrun({"run", "handlers.py", "--handler", "train", "-x", "lr=[0.1, 0.3, 0.2]",
                         "-x", "epochs=[1, 2]", "--selector", "max.accuracy", "--project", "grid"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("> --------------- Iteration: (6) ---------------") != std::string::npos);
    auto parent = run_of(mlrun, only_uid(mlrun, "grid"), "grid");
    CHECK(parent["status"]["state"] == "completed");
    CHECK(parent["status"]["results"]["accuracy"] == 0.8);
    // lr varies fastest, as MLRun enumerates the grid: iteration 2 is lr=0.3, epochs=1.
    CHECK(parent["status"]["results"]["best_iteration"] == 2);
    const auto& table = parent["status"]["iterations"];
    REQUIRE(table.size() == 7);
    CHECK(table[2][2] == 0.3);
    CHECK(table[2][3] == 1);
    // The iterations table logged as MLRun's iteration_results artifact (CSV) on the parent.
    REQUIRE(parent["status"]["artifacts"].size() >= 1);
    const auto results_table = parent["status"]["artifacts"][0];
    CHECK(results_table["kind"] == "table");
    CHECK(results_table["metadata"]["key"] == "iteration_results");
    const auto csv = read_text(results_table["spec"]["target_path"].get<std::string>());
    CHECK(csv.starts_with("state,iter,param.lr,param.epochs,output.accuracy"));
    CHECK(csv.find("\ncompleted,2,0.3,1,") != std::string::npos);
    CHECK(table[0] == json::array({"state", "iter", "param.lr", "param.epochs", "output.accuracy",
                                   "output.loss", "output.epochs"}));
    const auto children = json::parse(
        mlrun({"get", "runs", "-p", "grid", "--all-iterations", "--output", "json"}).out)["runs"];
    CHECK(children.size() == 7);

    result = mlrun({"run", "handlers.py", "--handler", "train", "-x", "lr=[0.1, 0.2]", "-x",
                    "epochs=[5, 6]", "--hyper-param-strategy", "list", "--selector", "min.loss",
                    "--project", "list"});
    REQUIRE(result.exit_code == 0);
    parent = run_of(mlrun, only_uid(mlrun, "list"), "list");
    CHECK(parent["status"]["iterations"].size() == 3);
    // Its table went to its own path: the grid run's file still holds the grid's table.
    const auto list_table = parent["status"]["artifacts"][0]["spec"]["target_path"];
    CHECK(list_table != results_table["spec"]["target_path"]);
    CHECK(read_text(results_table["spec"]["target_path"].get<std::string>()) == csv);
    CHECK(parent["status"]["results"]["best_iteration"] == 2);

    result = mlrun({"run", "handlers.py", "--handler", "train", "-x", "lr=[0.1, 0.2, 0.3]",
                    "--hyper-param-options", "{'strategy': 'random', 'max_iterations': 4}",
                    "--project", "random"});
    REQUIRE(result.exit_code == 0);
    CHECK(run_of(mlrun, only_uid(mlrun, "random"), "random")["status"]["iterations"].size() == 5);
    // A selector naming a result no iteration has: no best iteration, and a warning (MLRun's
    // is silent).
    result = mlrun({"run", "handlers.py", "--handler", "train", "-x", "lr=[0.1, 0.2]", "--selector",
                    "max.acuracy", "--project", "missel"});
    REQUIRE(result.exit_code == 0);
    CHECK((result.out + result.err)
              .find("no iteration has the result the selector 'max.acuracy' names") !=
          std::string::npos);
    CHECK_FALSE(run_of(mlrun, only_uid(mlrun, "missel"), "missel")["status"]["results"].contains(
        "best_iteration"));
    CHECK(mlrun({"run", "handlers.py", "--handler", "train", "-x", "lr=[1]",
                 "--hyper-param-strategy", "bogus"})
              .exit_code == 2);
}

TEST_CASE("e2e run: --timeout aborts the run and its children")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    const auto pid_file = (mlrun.home() / "grandchild.pid").string();
    const auto started = std::chrono::steady_clock::now();
    const auto result = mlrun({"run", "handlers.py", "--handler", "slow", "-p",
                               "pid_file='" + pid_file + "'", "--timeout", "1"});
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("timed out after 1s") != std::string::npos);
    CHECK(run_of(mlrun, only_uid(mlrun))["status"]["state"] == "aborted");
    const auto grandchild = static_cast<pid_t>(std::stol(read_text(pid_file)));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK_FALSE(process_alive(grandchild));
}

TEST_CASE("e2e run: a run stopped mid-line keeps that line; what follows starts on its own")
{
    Mlrun mlrun;
    mlrun.home().write("partial.py", "import sys, time\n"
                                     "def main(context):\n"
                                     "    sys.stdout.write('half a line')\n"
                                     "    sys.stdout.flush()\n"
                                     "    time.sleep(60)\n");
    auto result = mlrun({"run", "partial.py", "--handler", "main", "--timeout", "1"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("half a line\n> ") != std::string::npos);
    const auto uid = only_uid(mlrun);
    result = mlrun({"logs", uid});
    CHECK(result.exit_code == 0);
    CHECK(result.out.ends_with("half a line\nFinal state: aborted\n"));
}

TEST_CASE("e2e run: Ctrl-C aborts the run, stops its process tree and exits 130")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    const auto pid_file = (mlrun.home() / "grandchild.pid").string();
    const auto out_file = (mlrun.home() / "out.txt").string();
    const pid_t pid = start_mlrun(
        mlrun, {"run", "handlers.py", "--handler", "slow", "-p", "pid_file='" + pid_file + "'"},
        out_file, "started");
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    const auto run = run_of(mlrun, only_uid(mlrun));
    CHECK(run["status"]["state"] == "aborted");
    const auto grandchild = static_cast<pid_t>(std::stol(read_text(pid_file)));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK_FALSE(process_alive(grandchild));
}

TEST_CASE("e2e run: a killed mlrun leaves no run 'running' forever")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    const auto out_file = (mlrun.home() / "out.txt").string();
    const auto pid_file = (mlrun.home() / "grandchild.pid").string();
    const pid_t pid = start_mlrun(
        mlrun, {"run", "handlers.py", "--handler", "slow", "-p", "pid_file='" + pid_file + "'"},
        out_file, "started");
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    // The handler's own children go too: nothing mlrun started outlives it.
    const auto grandchild = static_cast<pid_t>(std::stol(read_text(pid_file)));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (process_alive(grandchild) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK_FALSE(process_alive(grandchild));
    // The listing (a table: the summary of each run) already shows, and records, the error.
    const auto table = mlrun({"get", "runs"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("error") != std::string::npos);
    CHECK(table.out.find("running") == std::string::npos);
    const auto uid = only_uid(mlrun);
    const auto run = run_of(mlrun, uid);
    CHECK(run["status"]["state"] == "error");
    CHECK(run["status"]["error"].get<std::string>().starts_with("runner died"));
    CHECK(mlrun({"logs", uid, "-f"}).exit_code == 1);  // following ends instead of hanging
}

TEST_CASE("e2e run: function YAML and project functions with -f")
{
    Mlrun mlrun;
    mlrun.home().write("src/handlers.py", handlers);
    mlrun.home().write(
        "function.yaml",
        "kind: local\nmetadata:\n  name: trainer\nspec:\n  command: src/handlers.py\n"
        "  default_handler: train\n");
    auto result = mlrun({"run", "-f", "function.yaml", "-p", "lr=0.5", "--project", "fy"});
    REQUIRE(result.exit_code == 0);
    auto run = run_of(mlrun, only_uid(mlrun, "fy"), "fy");
    CHECK(run["metadata"]["name"] == "trainer-train");
    CHECK(run["status"]["results"]["accuracy"] == 1.0);
    // spec.env as a name -> value mapping (MLRun loads it): shown as written, reaches the run.
    mlrun.home().write("envfn.yaml", "kind: job\nmetadata:\n  name: envy\nspec:\n"
                                     "  command: env.py\n  default_handler: main\n"
                                     "  env:\n    MODE: fast\n    LEVEL: 3\n");
    mlrun.home().write("env.py", "import os\ndef main(context):\n"
                                 "    context.log_result('mode', os.environ.get('MODE'))\n"
                                 "    context.log_result('level', os.environ.get('LEVEL'))\n");
    result = mlrun({"function", "show", "envfn.yaml", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(json::parse(result.out)["spec"]["env"] == json{{"MODE", "fast"}, {"LEVEL", 3}});
    result = mlrun({"run", "-f", "envfn.yaml", "--local", "--project", "envp"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto env_run = run_of(mlrun, only_uid(mlrun, "envp"), "envp");
    CHECK(env_run["status"]["results"]["mode"] == "fast");
    CHECK(env_run["status"]["results"]["level"] == "3");
    // project validate warns about the shape (it is not MLRun's documented list) and passes.
    result = mlrun({"project", "validate", "envfn.yaml"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("envfn.yaml:8:5: warning: spec.env is a name -> value mapping") !=
          std::string::npos);
    result = mlrun({"project", "validate", "envfn.yaml", "--output", "json"});
    CHECK(json::parse(result.out)["problems"][0]["severity"] == "warning");
    // A .yml file is a function file too, as for build and function show.
    std::filesystem::copy_file(mlrun.home() / "function.yaml", mlrun.home() / "fn.yml");
    result = mlrun({"run", "-f", "fn.yml", "--local", "-p", "lr=0.5", "--project", "fyml"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(run_of(mlrun, only_uid(mlrun, "fyml"), "fyml")["status"]["results"]["accuracy"] == 1.0);

    mlrun.home().write("project.yaml",
                       "kind: project\nmetadata:\n  name: proj\nspec:\n  functions:\n"
                       "  - name: trainer\n    url: src/handlers.py\n    kind: job\n"
                       "    handler: train\n    image: mlrun/mlrun\n");
    result = mlrun({"run", "-f", "trainer", "--local", "-p", "lr=0.4"});
    REQUIRE(result.exit_code == 0);
    run = run_of(mlrun, only_uid(mlrun, "proj"), "proj");
    CHECK(run["metadata"]["project"] == "proj");
    CHECK(run["status"]["results"]["accuracy"] == 0.9);
    // Without an API a job runs here, as MLRun's force_run_local: auto does, and says so;
    // force_run_local: false keeps the refusal.
    result = mlrun({"run", "-f", "trainer", "-p", "lr=0.3", "-p", "epochs"});
    CHECK(result.exit_code == 0);
    // MLRun skips a parameter without '=' silently; here it is skipped with a warning.
    CHECK(result.out.find("[warning] ignored -p 'epochs': not KEY=VALUE") != std::string::npos);
    CHECK(result.out.find("[warning] no MLRun API is configured: the job function runs on this "
                          "machine") != std::string::npos);
    CHECK(run_of(mlrun, only_uid(mlrun, "proj"), "proj")["spec"]["parameters"]["lr"] == 0.3);
    result = mlrun({"run", "-f", "trainer"}, {{"MLRUN_FORCE_RUN_LOCAL", "false"}});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("pass --local") != std::string::npos);
    // A near miss of a function name gets a suggestion.
    result = mlrun({"run", "-f", "trainr"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("hint: did you mean 'trainer'?") != std::string::npos);
    // A function stored by an earlier run, by db:// URI.
    result = mlrun(
        {"run", "-f", "db://proj/trainer", "--local", "--handler", "returns_value", "-p", "x=5"});
    REQUIRE(result.exit_code == 0);
    CHECK(run_of(mlrun, only_uid(mlrun, "proj"), "proj")["status"]["results"]["return"] == 10);
    CHECK(mlrun({"run", "-f", "db://proj/nosuch"}).exit_code == 1);
    result = mlrun({"run", "-f", "nosuch"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("function 'nosuch' not found") != std::string::npos);

    // One reading of function URLs: what run -f takes, function show takes too (build and
    // deploy share it): a .yml file, '.', a project function's name, db://.
    for (const auto& url : {"fn.yml", "trainer", "db://proj/trainer"}) {
        result = mlrun({"function", "show", url, "--output", "json"});
        INFO(url << ": " << result.err);
        CHECK(result.exit_code == 0);
        CHECK(json::parse(result.out)["metadata"]["name"] == "trainer");
    }
    CHECK(mlrun({"function", "show", "trainr"}).err.find("did you mean 'trainer'?") !=
          std::string::npos);
    // A project function's code runs from its file (embedded in the function as MLRun embeds
    // it): a module beside it imports.
    mlrun.home().write("sib/project.yaml",
                       "kind: project\nmetadata:\n  name: sib\nspec:\n  functions:\n"
                       "  - name: uses-helper\n    url: job.py\n    kind: job\n"
                       "    handler: go\n    image: mlrun/mlrun\n");
    mlrun.home().write("sib/helper.py", "VALUE = 7\n");
    mlrun.home().write("sib/job.py", "import helper\n\n\ndef go(context):\n"
                                     "    context.log_result('value', helper.VALUE)\n");
    result = mlrun({"run", "-f", "uses-helper", "--local", "--context", "sib"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto helped = run_of(mlrun, only_uid(mlrun, "sib"), "sib");
    CHECK(helped["status"]["results"]["value"] == 7);
    CHECK(helped["spec"]["function"].get<std::string>().starts_with("sib/uses-helper@"));
}

TEST_CASE("e2e run: --dump and --output json print the run; 8 runs at once are all recorded")
{
    Mlrun mlrun;
    mlrun.home().write("handlers.py", handlers);
    auto result = mlrun({"run", "handlers.py", "--handler", "returns_value", "--dump"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("state: completed") != std::string::npos);
    result = mlrun({"run", "handlers.py", "--handler", "train", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(json::parse(result.out)["status"]["state"] == "completed");  // nothing else on stdout

    std::vector<std::thread> threads;
    std::vector<int> codes(8, -1);
    for (std::size_t i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            codes[i] =
                mlrun({"run", "handlers.py", "--handler", "returns_value", "--project", "many"})
                    .exit_code;
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const auto code : codes) {
        CHECK(code == 0);
    }
    CHECK(
        json::parse(mlrun({"get", "runs", "-p", "many", "--output", "json"}).out)["runs"].size() ==
        8);
}

TEST_CASE("e2e run: the runnable handlers of the corpus run with the compatibility module")
{
    const std::filesystem::path corpus{MLRUN_CORPUS_DIR};
    if (!std::filesystem::is_directory(corpus)) {
        MESSAGE("corpus not found at " << corpus.string() << ": skipped");
        return;
    }
    Mlrun mlrun;
    // Handlers whose imports are only mlrun and the standard library.
    std::filesystem::copy_file(corpus / "GiladShapira94__load-project-example" / "my_job.py",
                               mlrun.home() / "my_job.py");
    auto result =
        mlrun({"run", "my_job.py", "--handler", "func", "-p", "num=3", "--project", "corpus"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("24") != std::string::npos);
    auto run = run_of(mlrun, only_uid(mlrun, "corpus"), "corpus");
    CHECK(run["status"]["results"]["num"] == 24);
    CHECK(run["status"]["results"]["return"] == 24);

    std::filesystem::copy_file(corpus / "mlrun__ci-demo" / "myfunc.py", mlrun.home() / "myfunc.py");
    std::filesystem::copy_file(corpus / "mlrun__ci-demo" / "function.yaml",
                               mlrun.home() / "function.yaml");
    result = mlrun(
        {"run", "-f", "function.yaml", "--handler", "my_func", "-p", "p1=4", "--project", "ci"});
    CHECK(result.exit_code == 0);
    run = run_of(mlrun, only_uid(mlrun, "ci"), "ci");
    CHECK(run["status"]["results"]["accuracy"] == 8);
    CHECK(run["metadata"]["labels"]["framework"] == "sklearn");
}

TEST_CASE("e2e run: the git commit of the code and whether the tree was dirty are recorded")
{
    Mlrun mlrun;
    mlrun.home().write("repo/h.py", "def h(context):\n    context.log_result('x', 1)\n");
    const auto repo = (mlrun.home() / "repo").string();
    mlrun::test::ProcessOptions options;
    options.environment = {{"PATH", "/usr/bin:/bin"}, {"HOME", mlrun.home().path().string()}};
    options.working_directory = repo;
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"/usr/bin/git", "init", "-q"},
             {"/usr/bin/git", "add", "h.py"},
             {"/usr/bin/git", "-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit",
              "-qm", "add handler"}}) {
        REQUIRE(mlrun::test::run_process(args, options).exit_code == 0);
    }
    const auto head = mlrun::test::run_process({"/usr/bin/git", "rev-parse", "HEAD"}, options).out;
    REQUIRE(mlrun({"run", "repo/h.py", "--handler", "h", "--project", "git"}).exit_code == 0);
    auto run = run_of(mlrun, only_uid(mlrun, "git"), "git");
    CHECK(run["metadata"]["annotations"]["mlrun/commit"] == head.substr(0, 40));
    CHECK(run["metadata"]["annotations"]["mlrun/dirty"] == "false");
    CHECK(run["status"]["commit"] == "add handler");
    mlrun.home().write("repo/h.py", "def h(context):\n    context.log_result('x', 2)\n");
    REQUIRE(mlrun({"run", "repo/h.py", "--handler", "h", "--project", "git2"}).exit_code == 0);
    run = run_of(mlrun, only_uid(mlrun, "git2"), "git2");
    CHECK(run["metadata"]["annotations"]["mlrun/dirty"] == "true");
}

// Runs a task on this machine (a Python handler, a script, or any command) and records its
// whole lifecycle in the run DB: created -> running -> completed | error | aborted, the log,
// results and artifacts.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/environment.hpp"
#include "lib/launcher/python_runtime.hpp"
#include "lib/model/run.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::launcher {

enum class ExecutionMode
{
    handler,         // import `code_file`, call `handler`
    module_handler,  // import `pkg.module`, call its function (`handler` is dotted)
    script,          // python -u code_file args...
    pass,            // `command` as is (any program)
};

struct LocalTask
{
    model::Run run;  // metadata (uid, name, project, labels) and spec filled; state created
    ExecutionMode mode = ExecutionMode::script;
    std::string code_file = {};
    std::string handler = {};
    std::vector<std::string> command = {};  // pass mode
    std::vector<std::string> args = {};     // script mode
    std::filesystem::path working_directory = {};
    config::Environment environment = {};
    std::string python = "python3";
    PythonRuntime python_runtime = {};
    std::optional<std::chrono::milliseconds> timeout = {};
    std::chrono::milliseconds grace{3000};  // between TERM and KILL when stopping it
    std::string dbpath = {};                // passed to the child as MLRUN_DBPATH
    // Where artifacts are written: the run's output path made absolute (the working folder
    // when it has none); spec.output_path keeps what was given.
    std::string artifact_path = {};
};

// Where the child's output goes besides the run log (the terminal, for the CLI).
class RunOutput
{
public:
    virtual ~RunOutput() = default;
    virtual void out(std::string_view bytes) = 0;
    virtual void err(std::string_view bytes) = 0;
};

// Executes `task` and returns the final run, as stored. Throws Error only when the run could
// not even start (program missing...); the run is then recorded in error state too.
model::Run execute_local(const LocalTask& task, store::RunDB& db, RunOutput& output,
                         const std::atomic<bool>* cancel);

// MLRun's templating of artifact paths: {{run.uid}}, {{project}}, {{run.project}}, {{run.user}}.
std::string template_artifact_path(const std::string& path, const model::Run& run);

// A new run uid: 32 lower-case hex characters (uuid4().hex).
std::string new_uid();

}  // namespace mlrun::launcher

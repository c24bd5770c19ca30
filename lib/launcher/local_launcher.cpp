// Runs a task on this machine and records its lifecycle in the run DB.

#include "lib/launcher/local_launcher.hpp"

#include <chrono>
#include <optional>
#include <random>
#include <thread>
#include <unistd.h>

#include "lib/error.hpp"
#include "lib/launcher/artifact_path.hpp"
#include "lib/launcher/process.hpp"
#include "lib/launcher/runner_state.hpp"
#include "lib/model/artifact.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::launcher {
namespace {

std::string hostname()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) {
        return "localhost";
    }
    return name;
}

std::string now_iso()
{
    return util::format_iso(util::now_micros());
}

std::vector<std::string> child_argv(const LocalTask& task)
{
    const auto& python = task.python_runtime;
    switch (task.mode) {
    case ExecutionMode::handler:
        return {task.python,
                "-u",
                python.runner.string(),
                python.compat_dir.string(),
                "handler",
                task.code_file,
                task.handler};
    case ExecutionMode::module_handler:
        return {task.python, "-u",        python.runner.string(), python.compat_dir.string(),
                "module",    task.handler};
    case ExecutionMode::script: {
        std::vector<std::string> argv{
            task.python, "-u",          python.runner.string(), python.compat_dir.string(),
            "script",    task.code_file};
        argv.insert(argv.end(), task.args.begin(), task.args.end());
        return argv;
    }
    case ExecutionMode::pass: return task.command;
    }
    return {};
}

// Merges what the child reported (context form, from MLRUN_META_TMPFILE) into the run.
void merge_child_report(model::Run& run, const std::string& text)
{
    if (util::trim(text).empty()) {
        return;
    }
    const auto data = try_parse_json(text);
    if (!data || !data->is_object()) {
        return;
    }
    auto reported = model::run_from_json(*data);
    run.status.results = reported.status.results;
    run.status.artifacts = reported.status.artifacts;
    if (!reported.status.iterations.empty()) {
        run.status.iterations = reported.status.iterations;
    }
    if (!reported.status.commit.empty()) {
        run.status.commit = reported.status.commit;
    }
    for (auto it = reported.metadata.labels.begin(); it != reported.metadata.labels.end(); ++it) {
        run.metadata.labels[it.key()] = it.value();
    }
    for (auto it = reported.metadata.annotations.begin(); it != reported.metadata.annotations.end();
         ++it) {
        run.metadata.annotations[it.key()] = it.value();
    }
    if (!reported.spec.parameters.empty()) {
        run.spec.parameters = reported.spec.parameters;
    }
    // The keys of what the code returned (--returns), as MLRun lists them.
    if (reported.spec.outputs.is_array() && !reported.spec.outputs.empty()) {
        run.spec.outputs = reported.spec.outputs;
    }
    if (reported.status.state == model::RunState::error) {
        run.status.state = model::RunState::error;
        run.status.error = reported.status.error;
    }
}

// Records the run's artifacts in the store.
void store_artifacts(model::Run& run, store::RunDB& db)
{
    std::vector<model::Artifact> artifacts;
    for (const auto& data : run.status.artifacts) {
        if (!data.is_object()) {
            continue;
        }
        auto artifact = model::artifact_from_json(data);
        artifact.metadata.project = run.metadata.project;
        artifact.metadata.tree = run.artifact_tree();
        artifact.metadata.iter = run.metadata.iteration;
        if (artifact.spec.db_key.empty()) {
            artifact.spec.db_key = run.metadata.name + "_" + artifact.metadata.key;
        }
        model::add_stored_keys(artifact);
        artifacts.push_back(std::move(artifact));
    }
    db.store_artifacts(artifacts);
}

// The run's output, shown as it comes and appended to the run's log. A log append that fails
// (the store locked past its busy timeout, a full disk) never stops the job: the bytes wait and
// are retried with the next output and at the end; what still could not be stored is reported.
class LogTee
{
public:
    LogTee(store::RunDB& db, const model::Run& run, RunOutput& output)
        : m_db(db), m_run(run), m_output(output)
    {
    }

    void out(std::string_view bytes)
    {
        m_output.out(bytes);
        append(bytes);
    }

    void err(std::string_view bytes)
    {
        m_output.err(bytes);
        append(bytes);
        m_stderr.append(bytes);
        if (m_stderr.size() > 64 * 1024) {  // the error text keeps the end, where tracebacks end
            m_stderr.erase(0, m_stderr.size() - 32 * 1024);
        }
    }

    // Stores what is still pending, retrying a few times; returns a warning when some of the
    // log could not be stored.
    std::optional<std::string> finish()
    {
        for (int attempt = 0; attempt < 3 && !m_pending.empty(); ++attempt) {
            if (attempt > 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
            }
            flush();
        }
        if (m_pending.empty() && m_dropped == 0) {
            return std::nullopt;
        }
        return std::to_string(m_pending.size() + m_dropped) +
               " bytes of the output could not be stored in the run's log: " + m_last_error;
    }

    const std::string& stderr_text() const { return m_stderr; }

private:
    // Bytes held back while appends fail; beyond this the oldest pending bytes are given up
    // (and counted) so that a long job with a broken store does not grow without bound.
    static constexpr std::size_t max_pending = 16 * 1024 * 1024;

    void append(std::string_view bytes)
    {
        if (m_pending.empty()) {
            try {
                m_db.append_log(m_run.metadata.project, m_run.metadata.uid, bytes);
                return;
            } catch (const Error& error) {
                m_last_error = error.what();
                m_last_failure = std::chrono::steady_clock::now();
            }
        }
        m_pending.append(bytes);
        if (m_pending.size() > max_pending) {
            const auto excess = m_pending.size() - max_pending;
            m_dropped += excess;
            m_pending.erase(0, excess);
        }
        // Retried at most once a second: each attempt may itself wait for the busy timeout.
        if (std::chrono::steady_clock::now() - m_last_failure > std::chrono::seconds(1)) {
            flush();
        }
    }

    void flush()
    {
        try {
            m_db.append_log(m_run.metadata.project, m_run.metadata.uid, m_pending);
            m_pending.clear();
        } catch (const Error& error) {
            m_last_error = error.what();
            m_last_failure = std::chrono::steady_clock::now();
        }
    }

    store::RunDB& m_db;
    const model::Run& m_run;
    RunOutput& m_output;
    std::string m_stderr;
    std::string m_pending;
    std::size_t m_dropped = 0;
    std::string m_last_error;
    std::chrono::steady_clock::time_point m_last_failure{};
};

// Records the end of a run. When the store refuses (a full disk), a minimal update is tried so
// that the run does not stay "running", and the original error is raised.
void record_result(model::Run& run, store::RunDB& db)
{
    try {
        store_artifacts(run, db);
        db.store_run(run);
    } catch (const Error& error) {
        try {
            const Json updates = {
                {"status.state", std::string{model::to_string(model::RunState::error)}},
                {"status.error", std::string{"could not record the result: "} + error.what()},
                {"status.last_update", now_iso()}};
            db.update_run_if_state(run.metadata.project, run.metadata.uid, run.metadata.iteration,
                                   model::RunState::running, updates);
        } catch (const Error&) {
            // The store refuses even that; readers see the runner gone and record the error.
        }
        throw;
    }
}

}  // namespace

std::string new_uid()
{
    static std::mt19937_64 generator{std::random_device{}()};
    static constexpr char digits[] = "0123456789abcdef";
    std::string uid;
    for (int i = 0; i < 2; ++i) {
        auto value = generator();
        for (int j = 0; j < 16; ++j) {
            uid += digits[value & 0xF];
            value >>= 4;
        }
    }
    return uid;
}

std::string template_artifact_path(const std::string& path, const model::Run& run)
{
    return fill_artifact_path(path,
                              {{"run.uid", run.metadata.uid},
                               {"run.project", run.metadata.project},
                               {"project", run.metadata.project},
                               {"run.user", run.metadata.labels.value("owner", std::string{})}});
}

model::Run execute_local(const LocalTask& task, store::RunDB& db, RunOutput& output,
                         const std::atomic<bool>* cancel)
{
    auto run = task.run;
    run.metadata.labels["host"] = hostname();
    run.status.state = model::RunState::running;
    run.status.start_time = now_iso();
    run.status.last_update = run.status.start_time;
    record_runner(run);
    db.store_run(run);

    const auto meta_path = util::create_temp_file("mlrun-meta-", ".json").string();

    auto environment = task.environment;
    environment["MLRUN_EXEC_CONFIG"] = model::to_json(run).dump();
    environment["MLRUN_META_TMPFILE"] = meta_path;
    environment["MLRUN_DBPATH"] = task.dbpath.empty() ? std::string{"./"} : task.dbpath;
    environment["MLRUN_DEFAULT_PROJECT"] = run.metadata.project;
    environment["PYTHONUNBUFFERED"] = "1";
    if (!task.artifact_path.empty()) {
        environment["MLRUN_NATIVE_ARTIFACT_PATH"] = task.artifact_path;
    }
    if (run.spec.verbose.value_or(false)) {
        environment["MLRUN_LOG_LEVEL"] = "DEBUG";
    }

    LogTee tee{db, run, output};
    ProcessOutcome outcome;
    try {
        outcome = run_process({child_argv(task), environment, task.working_directory},
                              {[&](std::string_view bytes) { tee.out(bytes); },
                               [&](std::string_view bytes) { tee.err(bytes); }},
                              {.cancel = cancel, .timeout = task.timeout, .grace = task.grace});
    } catch (const Error& error) {
        std::filesystem::remove(meta_path);
        run.status.state = model::RunState::error;
        run.status.error = error.what();
        run.status.last_update = now_iso();
        db.store_run(run);
        throw;
    }

    merge_child_report(run, util::find_file(meta_path).value_or(""));
    std::error_code ignored;
    std::filesystem::remove(meta_path, ignored);

    if (outcome.reason == StopReason::cancelled) {
        run.status.state = model::RunState::aborted;
        run.status.error = "aborted by the user (interrupt)";
    } else if (outcome.reason == StopReason::timed_out) {
        run.status.state = model::RunState::aborted;
        run.status.error = "timed out after " + std::to_string(task.timeout->count() / 1000) + "s";
    } else if (outcome.exit_code != 0 && run.status.state != model::RunState::error) {
        // A failed process is a failed run (MLRun ignores a non-zero exit with empty stderr).
        run.status.state = model::RunState::error;
        const auto text = std::string{util::trim(tee.stderr_text())};
        run.status.error =
            text.empty() ? "exited with code " + std::to_string(outcome.exit_code) : text;
    } else if (run.status.state != model::RunState::error) {
        run.status.state = model::RunState::completed;
    }
    run.status.last_update = now_iso();
    run.status.extra.erase("runner");
    if (const auto warning = tee.finish()) {
        run.status.extra["log_warning"] = *warning;
        output.err("mlrun: warning: " + *warning + "\n");
    }
    record_result(run, db);
    return run;
}

}  // namespace mlrun::launcher

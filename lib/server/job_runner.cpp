// Running submitted jobs as `mlrun run --local` processes.

#include "lib/server/job_runner.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <thread>

#include "lib/launcher/process.hpp"
#include "lib/model/run.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/time.hpp"

namespace mlrun::server {

namespace {

struct Running
{
    std::string project;
    std::string uid;
    std::atomic<bool> cancel{false};
};

// The last `limit` bytes of what a stream wrote.
class Tail
{
public:
    explicit Tail(std::size_t limit) : m_limit(limit) {}

    void add(std::string_view text)
    {
        m_text += text;
        if (m_text.size() > m_limit * 2) {
            m_text.erase(0, m_text.size() - m_limit);
        }
    }

    std::string text() const
    {
        const auto start = m_text.size() > m_limit ? m_text.size() - m_limit : 0;
        return std::string{util::trim(std::string_view{m_text}.substr(start))};
    }

private:
    std::size_t m_limit;
    std::string m_text;
};

// The last non-empty line of a text.
std::string last_line(const std::string& text)
{
    const auto lines = util::split(text, "\n");
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        if (!util::trim(*it).empty()) {
            return std::string{util::trim(*it)};
        }
    }
    return {};
}

std::string expand(const std::string& argument, const std::filesystem::path& folder)
{
    return util::replace_all(argument, "{dir}", folder.string());
}

}  // namespace

JobRequest function_job(const std::string& project, const std::string& uid, const Json& task,
                        const Json& function)
{
    JobRequest job{project, uid};
    // JSON, which YAML reads: the files `mlrun run --task/-f` take.
    job.files = {{"task.yaml", task.dump(2)}, {"function.yaml", function.dump(2)}};
    // Recorded with its own kind (a job run by this server), not as a local run.
    const std::string kind = function.is_object() ? function.value("kind", std::string{}) : "";
    job.arguments = {"run",
                     "--task",
                     "{dir}/task.yaml",
                     "-f",
                     "{dir}/function.yaml",
                     "--local",
                     "--uid",
                     uid,
                     "--project",
                     project,
                     "--recorded-kind",
                     kind.empty() ? "job" : kind};
    return job;
}

JobRequest workflow_job(const std::string& project, const std::string& uid, const std::string& name,
                        const std::string& source, const Json& arguments,
                        const std::string& artifact_path)
{
    JobRequest job{project, uid};
    std::error_code error;
    if (std::filesystem::is_directory(source, error)) {
        job.arguments = {"project", source};
    } else {
        job.arguments = {"project", "{dir}/project", "-u", source};
    }
    for (const auto& argument : {"-n", project.c_str(), "-r", name.c_str(), "--engine", "local",
                                 "--workflow-id", uid.c_str(), "--no-save"}) {
        job.arguments.emplace_back(argument);
    }
    if (arguments.is_object()) {
        for (const auto& [key, value] : arguments.items()) {
            job.arguments.push_back("-a");
            job.arguments.push_back(key + "=" +
                                    (value.is_string() ? value.get<std::string>() : value.dump()));
        }
    }
    if (!artifact_path.empty()) {
        job.arguments.push_back("--artifact-path");
        job.arguments.push_back(artifact_path);
    }
    return job;
}

struct JobRunner::State
{
    JobRunnerOptions options;
    std::function<std::unique_ptr<store::RunDB>()> open_store;
    mutable std::mutex lock;
    std::condition_variable wake;
    std::deque<JobRequest> queue;
    std::list<Running> running;
    std::vector<std::thread> workers;
    bool stopping = false;

    // Records the end of a job whose process did not record it (it failed to start, crashed,
    // or was stopped before its runner recorded anything).
    void record_end(const std::string& project, const std::string& uid, model::RunState state,
                    const std::string& error)
    {
        try {
            auto db = open_store();
            const auto run = db->find_run(project, uid, 0);
            if (!run || model::is_terminal(run->status.state)) {
                return;
            }
            Json updates = {{"status.state", std::string{model::to_string(state)}},
                            {"status.last_update", util::format_iso(util::now_micros())}};
            if (!error.empty()) {
                updates["status.error"] = error;
            }
            db->update_run(project, uid, 0, updates);
        } catch (const std::exception&) {
            // The store is gone or broken: nothing more can be recorded.
        }
    }

    void run_job(const JobRequest& job, Running& slot)
    {
        const auto folder = options.work_dir / job.uid;
        std::error_code ignored;
        std::filesystem::create_directories(folder, ignored);
        for (const auto& [name, content] : job.files) {
            util::write_file_atomically(folder / name, content);
        }

        launcher::ProcessSpec spec;
        spec.argv = {options.program.string()};
        for (const auto& argument : job.arguments) {
            spec.argv.push_back(expand(argument, folder));
        }
        spec.argv.push_back("--db");
        spec.argv.push_back(options.store);
        spec.environment = options.environment;
        spec.working_directory = folder;
        Tail errors{4096};
        launcher::ProcessLimits limits;
        limits.cancel = &slot.cancel;
        limits.grace = options.grace;
        launcher::ProcessOutcome outcome;
        std::string failure;
        try {
            outcome = launcher::run_process(
                spec, {[](std::string_view) {}, [&](std::string_view text) { errors.add(text); }},
                limits);
        } catch (const std::exception& error) {
            failure = error.what();
        }
        for (const auto& file : job.files) {
            std::filesystem::remove(folder / file.first, ignored);
        }
        if (slot.cancel.load()) {
            record_end(job.project, job.uid, model::RunState::aborted, {});
        } else if (!failure.empty() || outcome.exit_code != 0) {
            const std::string reason = !failure.empty() ? failure : last_line(errors.text());
            record_end(job.project, job.uid, model::RunState::error,
                       "the job's process ended with exit code " +
                           std::to_string(outcome.exit_code) +
                           (reason.empty() ? std::string{} : ": " + reason));
        } else {
            record_end(job.project, job.uid, model::RunState::error,
                       "the job's process ended without recording the run's end");
        }
    }

    void work()
    {
        std::unique_lock guard(lock);
        while (true) {
            wake.wait(guard, [&] { return stopping || !queue.empty(); });
            if (stopping) {
                return;
            }
            JobRequest job = std::move(queue.front());
            queue.pop_front();
            auto& slot = running.emplace_back();
            slot.project = job.project;
            slot.uid = job.uid;
            guard.unlock();
            try {
                run_job(job, slot);
            } catch (const std::exception& error) {
                // Its folder or files could not be written (disk full...): the job is recorded
                // as failed, and the worker goes on with the next.
                record_end(job.project, job.uid, model::RunState::error,
                           std::string{"the job could not be started: "} + error.what());
            }
            guard.lock();
            running.remove_if([&](const Running& entry) { return &entry == &slot; });
        }
    }
};

JobRunner::JobRunner(JobRunnerOptions options,
                     std::function<std::unique_ptr<store::RunDB>()> open_store)
    : m_state(new State{})
{
    m_state->options = std::move(options);
    m_state->open_store = std::move(open_store);
    const auto workers = std::max<std::size_t>(1, m_state->options.max_jobs);
    for (std::size_t i = 0; i < workers; ++i) {
        m_state->workers.emplace_back([state = m_state.get()] { state->work(); });
    }
}

JobRunner::~JobRunner()
{
    stop();
}

void JobRunner::submit(JobRequest job)
{
    {
        const std::lock_guard guard(m_state->lock);
        m_state->queue.push_back(std::move(job));
    }
    m_state->wake.notify_one();
}

bool JobRunner::abort(const std::string& project, const std::string& uid)
{
    const std::lock_guard guard(m_state->lock);
    for (auto it = m_state->queue.begin(); it != m_state->queue.end(); ++it) {
        if (it->project == project && it->uid == uid) {
            m_state->queue.erase(it);
            return true;
        }
    }
    for (auto& slot : m_state->running) {
        if (slot.project == project && slot.uid == uid) {
            slot.cancel.store(true);
            return true;
        }
    }
    return false;
}

std::size_t JobRunner::running() const
{
    const std::lock_guard guard(m_state->lock);
    return m_state->running.size();
}

std::size_t JobRunner::pending() const
{
    const std::lock_guard guard(m_state->lock);
    return m_state->queue.size();
}

void JobRunner::stop()
{
    std::deque<JobRequest> never_started;
    {
        const std::lock_guard guard(m_state->lock);
        if (m_state->stopping) {
            return;
        }
        m_state->stopping = true;
        never_started.swap(m_state->queue);
        for (auto& slot : m_state->running) {
            slot.cancel.store(true);
        }
    }
    m_state->wake.notify_all();
    for (auto& worker : m_state->workers) {
        worker.join();
    }
    for (const auto& job : never_started) {
        m_state->record_end(job.project, job.uid, model::RunState::aborted,
                            "the server stopped before the job started");
    }
}

}  // namespace mlrun::server

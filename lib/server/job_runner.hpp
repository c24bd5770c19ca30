// Jobs submitted to the served API (POST submit_job) run on this machine: each in its own
// `mlrun run --local` process (the same launcher as the command line, recording into the same
// store), at most `max_jobs` at once, the rest pending in order. An abort stops a job's whole
// process tree; stopping the runner aborts what runs and records what never started.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "lib/config/environment.hpp"
#include "lib/json.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::server {

struct JobRequest
{
    std::string project;
    std::string uid;  // of the run that records the job
    // The mlrun command line after the program; "{dir}" stands for the job's folder.
    std::vector<std::string> arguments = {};
    // Files written into the job's folder before it starts, removed when it ends.
    std::vector<std::pair<std::string, std::string>> files = {};
};

// `task` (the run object) run with `function` (code embedded in spec.build.functionSourceCode):
// `mlrun run --task ... -f ... --local`.
JobRequest function_job(const std::string& project, const std::string& uid, const Json& task,
                        const Json& function);

// The project's workflow `name` with the local engine, its record `uid`: `mlrun project` of the
// project's source (a folder, or a git/archive URL loaded into the job's folder).
JobRequest workflow_job(const std::string& project, const std::string& uid, const std::string& name,
                        const std::string& source, const Json& arguments,
                        const std::string& artifact_path);

struct JobRunnerOptions
{
    std::filesystem::path program;   // the mlrun binary
    std::string store;               // the store path given to each job (--db)
    std::filesystem::path work_dir;  // each job runs in work_dir/<uid>
    std::size_t max_jobs = 4;
    config::Environment environment;          // of the job processes
    std::chrono::milliseconds grace{10'000};  // between TERM and KILL on abort
};

class JobRunner
{
public:
    // `open_store` gives the runner its own connection, to record jobs that end badly.
    JobRunner(JobRunnerOptions options, std::function<std::unique_ptr<store::RunDB>()> open_store);
    ~JobRunner();  // stop()
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Queues the job (its run is already stored as pending).
    void submit(JobRequest job);

    // Stops the job's process tree (it records itself aborted), or drops it from the queue.
    // False when no such job is pending or running.
    bool abort(const std::string& project, const std::string& uid);

    std::size_t running() const;
    std::size_t pending() const;

    // Aborts the running jobs, records the pending ones as aborted, waits for the workers.
    void stop();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace mlrun::server

// MLRun's local workflow engine: the workflow file (Python) runs under the compatibility
// module, and each `run_function` step becomes a run of this tool, labelled `workflow=<id>`.
// The workflow itself is recorded as a run too (labels `job-type=workflow-runner`,
// `workflow=<name>`, uid = the workflow id), with its log, arguments, steps and final state,
// so that every backend of the run store keeps it.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lib/config/environment.hpp"
#include "lib/launcher/local_launcher.hpp"
#include "lib/launcher/python_runtime.hpp"
#include "lib/model/project.hpp"
#include "lib/model/run.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::workflow {

inline constexpr std::string_view runner_label = "workflow-runner";  // label job-type

// Where a workflow's code is: its file, or its embedded `code` written to a temporary file
// (removed when this object goes).
class WorkflowFile
{
public:
    WorkflowFile() = default;
    WorkflowFile(std::filesystem::path path, bool temporary);
    WorkflowFile(WorkflowFile&& other) noexcept;
    WorkflowFile& operator=(WorkflowFile&&) = delete;
    WorkflowFile(const WorkflowFile&) = delete;
    ~WorkflowFile();
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    bool m_temporary = false;
};

// `entry`'s file (relative paths against `code_dir`, as MLRun resolves them) or its code.
// Throws Error(not_found) for a missing file, Error(usage) for a URL or an entry without
// path and code.
WorkflowFile workflow_file(const model::WorkflowEntry& entry,
                           const std::filesystem::path& code_dir);

struct LocalWorkflow
{
    model::Project project;
    std::filesystem::path context;  // the project folder: steps run `-f NAME --context` there
    std::string name;               // the workflow's name (or the file's stem)
    std::filesystem::path file;
    std::string handler;  // empty: `kfpipeline` if the file has one, else `pipeline`
    Json arguments = Json::object();
    std::string artifact_path;         // `{{workflow.uid}}` is replaced by the workflow id
    Json secrets = Json::array();      // secret sources given to every step
    std::string dbpath;                // passed to the steps
    std::filesystem::path executable;  // this tool, which runs the steps
    config::Environment environment;
    std::string python = "python3";
    launcher::PythonRuntime python_runtime;
    std::optional<std::chrono::milliseconds> timeout;
    std::string owner;
    std::string id;  // the workflow's id (its record's uid); empty: a new one
};

struct WorkflowOutcome
{
    model::Run runner;              // the workflow's record: state completed, error or aborted
    std::vector<model::Run> steps;  // oldest first
    bool timed_out = false;
};

// Runs the workflow to its end (or its timeout, or `cancel`), recording everything in `db`.
// The driver's and steps' output goes to `output` as it comes. Throws Error only when the
// workflow could not start at all.
WorkflowOutcome run_local_workflow(const LocalWorkflow& workflow, store::RunDB& db,
                                   launcher::RunOutput& output, const std::atomic<bool>* cancel);

// The runs labelled `workflow=<id>` in `project`, oldest first.
std::vector<model::Run> workflow_steps(store::RunDB& db, const std::string& project,
                                       const std::string& id);

// Seconds between a run's start and its end (last update), or std::nullopt.
std::optional<double> run_duration(const model::Run& run);

}  // namespace mlrun::workflow

// `mlrun project CONTEXT -r WORKFLOW`: runs a project's workflow with the local engine (steps
// are runs of this tool) or submits it to the MLRun API's workflow runner, and follows it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/invocation.hpp"
#include "cli/table.hpp"
#include "lib/model/project.hpp"
#include "lib/model/run.hpp"

namespace mlrun::commands {

struct WorkflowRunOptions
{
    std::string name;               // a workflow of the project, or a .py file (local engine)
    std::filesystem::path context;  // the project folder
    std::vector<std::string> arguments;
    std::string artifact_path;
    std::string handler;
    std::string engine;
    bool local = false;
    bool watch = false;
    std::optional<std::int64_t> timeout;
    std::string schedule;
    bool override_schedule = false;
    std::vector<std::string> notifications;
    std::vector<std::string> secrets;  // KIND=SOURCE
    bool save_secrets = false;
    std::string id;  // the workflow's id (local engine); empty: a new one
};

// Throws Error(failed) when the workflow fails or times out (exit 1: the CI semantics).
void run_workflow(const WorkflowRunOptions& options, const model::Project& project,
                  cli::Invocation& invocation);

// The local engine (workflow_local.cpp).
void run_workflow_locally(const WorkflowRunOptions& options, const model::Project& project,
                          const model::WorkflowEntry* entry, cli::Invocation& invocation);

// `{"kind": "workflow", ...}`: a workflow run (its runner record) and its steps, for scripts.
Json workflow_json(const model::Run& runner, const std::vector<model::Run>& steps);
// The steps as a table: step, uid, state, duration, results.
cli::Table steps_table(const std::vector<model::Run>& steps);
// MLRun's workflow states: Succeeded, Failed, Running...
std::string workflow_state(const model::Run& runner);

// `{kind: params}` entries of --notifications values; throws Error(usage) for a bad one.
Json notifications_of(const std::vector<std::string>& specs);

}  // namespace mlrun::commands

// `mlrun project CONTEXT -r WORKFLOW` with the remote engine: submit the project's workflow to
// the MLRun API's workflow runner and, with --watch or --timeout, follow it to its end.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/invocation.hpp"
#include "lib/model/project.hpp"

namespace mlrun::commands {

struct WorkflowRunOptions
{
    std::string name;  // a workflow of the project (MLRun also takes a .py file)
    std::vector<std::string> arguments;
    std::string artifact_path;
    std::string handler;
    std::string engine;
    bool local = false;
    bool watch = false;
    std::optional<std::int64_t> timeout;
    std::string schedule;
    std::vector<std::string> notifications;
};

void run_workflow(const WorkflowRunOptions& options, const model::Project& project,
                  cli::Invocation& invocation);

}  // namespace mlrun::commands

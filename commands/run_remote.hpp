// `mlrun run` of a non-local kind against an MLRun API server: submit_job, then (with --watch)
// follow the log until the run ends and exit by its final state; or create a schedule.
#pragma once

#include <filesystem>
#include <string>

#include "cli/invocation.hpp"
#include "lib/model/function.hpp"
#include "lib/model/run.hpp"

namespace mlrun::commands {

struct RemoteSubmission
{
    model::Run run;
    model::Function function;
    std::filesystem::path code_file;  // embedded into the function when it has no code yet
    std::string schedule;
    bool watch = false;
};

void submit_remote(RemoteSubmission submission, cli::Invocation& invocation);

}  // namespace mlrun::commands

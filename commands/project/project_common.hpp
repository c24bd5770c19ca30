// What the `project` verbs and `function show` share: where the project is, the tools to
// resolve functions, saving to the project file and the run store.
#pragma once

#include <filesystem>
#include <string>

#include "cli/invocation.hpp"
#include "lib/model/project.hpp"
#include "lib/project/directory.hpp"
#include "lib/project/function_builder.hpp"

namespace mlrun::commands {

// The Python helpers (runner, funcdoc) under MLRUN_HOME or ~/.mlrun.
std::filesystem::path python_cache(cli::Invocation& invocation);

// Function resolution tools: handler descriptions through python3, the run store for db://
// (opened when a db:// URL is read), and the configured hub source.
project::FunctionTools function_tools(cli::Invocation& invocation);

// A project folder named on the command line ("" means the current folder).
std::filesystem::path context_path(const std::string& given);

// Reads the project in `context` (project.yaml or project.yml); Error(not_found) when absent.
project::DirectoryProject read_context_project(const std::filesystem::path& context);

// Writes project.yaml in `context` and stores the project in the run store.
void save_project(cli::Invocation& invocation, const model::Project& project,
                  const std::filesystem::path& context);

// Stores every function of the project in the run store, with its hash and tag (MLRun's
// sync_functions + save). Returns how many.
std::size_t sync_functions(cli::Invocation& invocation, const model::Project& project,
                           const std::filesystem::path& context);

}  // namespace mlrun::commands

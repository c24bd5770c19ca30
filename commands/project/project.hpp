// `mlrun project`: the real tool's load-and-run form, and the verbs (create, load, show,
// validate, list, delete, set-*).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/invocation.hpp"

namespace mlrun::commands {

void add_project_create(CLI::App& command, cli::Invocation& invocation);
void add_project_load(CLI::App& command, cli::Invocation& invocation);
void add_project_show(CLI::App& command, cli::Invocation& invocation);
void add_project_validate(CLI::App& command, cli::Invocation& invocation);
void add_project_list(CLI::App& command, cli::Invocation& invocation);
void add_project_delete(CLI::App& command, cli::Invocation& invocation);
void add_project_set_function(CLI::App& command, cli::Invocation& invocation);
void add_project_set_workflow(CLI::App& command, cli::Invocation& invocation);
void add_project_set_artifact(CLI::App& command, cli::Invocation& invocation);
void add_project_set_param(CLI::App& command, cli::Invocation& invocation);
void add_project_set_source(CLI::App& command, cli::Invocation& invocation);

// The projects of the run store as a table (or json/yaml); `mlrun get projects` shares it.
void show_project_list(cli::Invocation& invocation);

}  // namespace mlrun::commands

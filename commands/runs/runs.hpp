// `mlrun runs VERB`: list, show, delete, diff, export and import runs (beyond MLRun's CLI).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/invocation.hpp"

namespace mlrun::commands {

void add_runs_list(CLI::App& command, cli::Invocation& invocation);
void add_runs_show(CLI::App& command, cli::Invocation& invocation);
void add_runs_delete(CLI::App& command, cli::Invocation& invocation);
void add_runs_diff(CLI::App& command, cli::Invocation& invocation);
void add_runs_export(CLI::App& command, cli::Invocation& invocation);
void add_runs_import(CLI::App& command, cli::Invocation& invocation);
void add_runs_rerun(CLI::App& command, cli::Invocation& invocation);

}  // namespace mlrun::commands

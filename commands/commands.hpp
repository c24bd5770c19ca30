// The commands of `mlrun` and the table that lists them in `--help` order.
//
// Adding a command: (1) a file under commands/ with an options struct, one `execute` and one
// `add_<name>` that only binds; (2) its declaration below; (3) its row in command_table();
// (4) the file in commands/CMakeLists.txt; (5) man/mlrun-<name>.1 naming every long option
// (tests/unit/commands/command_tree_test.cpp fails without it); (6) unit tests for the lib/
// parts; (7) at least one end-to-end case in tests/e2e/.
#pragma once

#include <span>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "cli/invocation.hpp"

namespace mlrun::commands {

void add_run(CLI::App& command, cli::Invocation& invocation);
void add_get(CLI::App& command, cli::Invocation& invocation);
void add_logs(CLI::App& command, cli::Invocation& invocation);
void add_config(CLI::App& command, cli::Invocation& invocation);
void add_version(CLI::App& command, cli::Invocation& invocation);
void add_runs(CLI::App& command, cli::Invocation& invocation);
void add_completion(CLI::App& command, cli::Invocation& invocation);
void add_project(CLI::App& command, cli::Invocation& invocation);
void add_function(CLI::App& command, cli::Invocation& invocation);
void add_artifacts(CLI::App& command, cli::Invocation& invocation);
void add_build(CLI::App& command, cli::Invocation& invocation);
void add_deploy(CLI::App& command, cli::Invocation& invocation);
void add_serve(CLI::App& command, cli::Invocation& invocation);
void add_sync(CLI::App& command, cli::Invocation& invocation);

// Every command, in `mlrun --help` order.
std::span<const cli::CommandSpec> command_table();

}  // namespace mlrun::commands

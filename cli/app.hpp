// The root command line: builds the CLI11 tree from a command table, parses, runs the chosen
// command, and turns every outcome into an exit code. The only place that catches errors.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/invocation.hpp"

namespace mlrun::cli {

struct CommandSpec
{
    const char* name;
    const char* summary;
    // Adds the command's options, arguments and callback to `command`.
    void (*add)(CLI::App& command, Invocation& invocation);
};

// The whole tree, for running and for tests that walk it (man pages, completion).
std::unique_ptr<CLI::App> build_app(std::span<const CommandSpec> table, Invocation& invocation);

// Runs `args` (without the program name); returns the exit code (cli/exit_code.hpp).
int run(std::vector<std::string> args, std::span<const CommandSpec> table, Invocation& invocation);

}  // namespace mlrun::cli

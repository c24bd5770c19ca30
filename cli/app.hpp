// The root command line: builds the CLI11 tree from a command table, parses, runs the chosen
// command, and turns every outcome into an exit code. The only place that catches errors.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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

// The tree: every command with its summary; with `only` unset, every command's options too (for
// completion, --help-all and tests that walk it); with `only` set, just that command's (none
// for ""): start-up work proportional to the command that runs.
std::unique_ptr<CLI::App> build_app(std::span<const CommandSpec> table, Invocation& invocation,
                                    std::optional<std::string_view> only = std::nullopt);

// Runs `args` (without the program name); returns the exit code (cli/exit_code.hpp).
int run(std::vector<std::string> args, std::span<const CommandSpec> table, Invocation& invocation);

}  // namespace mlrun::cli

// Runs a child process in its own process group, streaming its stdout and stderr as they
// come, and stops the whole group on cancellation or timeout (TERM, then KILL after a grace).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/environment.hpp"

namespace mlrun::launcher {

struct ProcessSpec
{
    std::vector<std::string> argv;  // argv[0] is looked up on PATH of `environment`
    config::Environment environment;
    std::filesystem::path working_directory = {};  // empty: inherit
};

struct ProcessStreams
{
    std::function<void(std::string_view)> out;
    std::function<void(std::string_view)> err;
};

enum class StopReason
{
    exited,     // ran to its end
    cancelled,  // `cancel` became true
    timed_out,
};

struct ProcessOutcome
{
    int exit_code = -1;  // 128 + signal when killed by one
    StopReason reason = StopReason::exited;
};

struct ProcessLimits
{
    const std::atomic<bool>* cancel = nullptr;
    std::optional<std::chrono::milliseconds> timeout = {};
    std::chrono::milliseconds grace{3000};  // between TERM and KILL
};

// Throws Error(not_found) when the program cannot be started (naming it).
ProcessOutcome run_process(const ProcessSpec& spec, const ProcessStreams& streams,
                           const ProcessLimits& limits);

// The program's path found on `path_variable` (PATH syntax), or std::nullopt.
std::optional<std::filesystem::path> find_program(const std::string& name,
                                                  const std::string& path_variable);

}  // namespace mlrun::launcher

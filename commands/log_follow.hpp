// Printing a run's log from an offset, and following it until the run ends: shared by
// `mlrun logs` and `mlrun run --watch` of a remote run.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/invocation.hpp"
#include "lib/model/run.hpp"

namespace mlrun::commands {

struct FollowedLog
{
    model::RunState state = model::RunState::unknown;
    std::uint64_t offset = 0;
};

// Prints the log of run `uid` from `offset`. Without `follow` it stops at the first empty read;
// with it, once the run is terminal and an empty read shows the tail was drained. Remote runs
// are polled every httpdb.logs.pull_logs_default_interval seconds (the backoff interval after
// three empty reads), local runs every 50 ms. Following stops early, the run still going, at
// `deadline`.
FollowedLog print_log(cli::Invocation& invocation, const std::string& project,
                      const std::string& uid, std::uint64_t offset, bool follow,
                      std::optional<std::chrono::steady_clock::time_point> deadline = {});

// How long to wait between two polls of an MLRun API (httpdb.logs.pull_logs_default_interval
// seconds, 3 by default); throws Error(usage) when the setting is not a number.
std::chrono::milliseconds api_poll_interval(const config::Config& config);

}  // namespace mlrun::commands

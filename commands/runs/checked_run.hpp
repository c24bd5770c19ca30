// Reading a run for display: a run whose runner died is recorded as error first.
#pragma once

#include "cli/invocation.hpp"
#include <vector>

#include "lib/model/run.hpp"

namespace mlrun::commands {

// `run` as it really stands: when its runner process is gone, stored and returned as error.
model::Run checked_run(cli::Invocation& invocation, model::Run run);

// A listing as it really stands: each run still running or pending whose runner is gone is
// recorded as error and listed so (a summary listing is read in full for those few first).
std::vector<model::Run> checked_runs(cli::Invocation& invocation, std::vector<model::Run> runs);

}  // namespace mlrun::commands

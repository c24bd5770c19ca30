// Reading a run for display: a run whose runner died is recorded as error first.
#pragma once

#include "cli/invocation.hpp"
#include <vector>

#include "lib/model/run.hpp"
#include "lib/store/run_ref.hpp"

namespace mlrun::commands {

// `run` as it really stands: when its runner process is gone, stored and returned as error.
model::Run checked_run(cli::Invocation& invocation, model::Run run);

// A listing as it really stands: each run still running or pending whose runner is gone is
// recorded as error and listed so (a summary listing is read in full for those few first).
std::vector<model::Run> checked_runs(cli::Invocation& invocation, std::vector<model::Run> runs);

// The run a person named: a whole uid or a unique prefix, in `project_option`, or when that is
// empty in any project of the embedded store (an API: the default project). Says on stderr
// which project it was found in when that is not the default.
store::RunRef named_run(cli::Invocation& invocation, const std::string& project_option,
                        const std::string& text);
// The same run read whole (iteration 0), and checked as checked_run does.
model::Run read_named_run(cli::Invocation& invocation, const std::string& project_option,
                          const std::string& text);

}  // namespace mlrun::commands

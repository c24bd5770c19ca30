// Reading a run for display: a run whose runner died is recorded as error first.
#pragma once

#include "cli/invocation.hpp"
#include "lib/model/run.hpp"

namespace mlrun::commands {

// `run` as it really stands: when its runner process is gone, stored and returned as error.
model::Run checked_run(cli::Invocation& invocation, model::Run run);

}  // namespace mlrun::commands

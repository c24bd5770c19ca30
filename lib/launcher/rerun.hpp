// A new run of what an earlier run ran: the same function, handler, parameters, inputs and
// hyper-parameters, with overrides, labelled `rerun-of=<uid>`.
#pragma once

#include "lib/json.hpp"
#include "lib/model/run.hpp"

namespace mlrun::launcher {

// The task (a run object without uid or status) for rerunning `original`; `parameters`
// override its parameters by name. Throws Error(usage) when `original` records no function to
// run again.
model::Run rerun_task(const model::Run& original, const Json& parameters);

// Whether `original` ran on an MLRun API's cluster (a remote kind) rather than here.
bool ran_remotely(const model::Run& original);

// `db://project/name@hash`: the function version `original` ran, as `mlrun run -f` takes it.
std::string rerun_function_url(const model::Run& original);

}  // namespace mlrun::launcher

// A run left "running" by an mlrun process that died (killed, machine crash) must not stay
// running forever: readers check that its runner is still alive and record the run as error.
#pragma once

#include "lib/model/run.hpp"

namespace mlrun::launcher {

// This machine's name, as runners record it (status.runner.host).
std::string this_host();

// Marks `run` (as the runner, this process) so that later readers can check on it.
void record_runner(model::Run& run);

// True when `run` is pending/running and the mlrun process on this host that ran it is gone.
bool runner_gone(const model::Run& run);

// `run` recorded as error "runner died".
model::Run mark_runner_died(model::Run run);

// The same as dotted updates (status.state, status.error, status.last_update), for
// RunDB::update_run_if_state: only these fields change, and only while the run is unfinished.
Json runner_died_updates(const model::Run& run);

}  // namespace mlrun::launcher

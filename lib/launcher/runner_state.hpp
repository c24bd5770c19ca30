// A run left "running" by an mlrun process that died (killed, machine crash) must not stay
// running forever: readers check that its runner is still alive and record the run as error.
#pragma once

#include "lib/model/run.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::launcher {

// Marks `run` (as the runner, this process) so that later readers can check on it.
void record_runner(model::Run& run);

// When `run` is pending/running and its runner process on this host is gone, stores it as
// error "runner died" and returns the updated run; otherwise returns it unchanged.
model::Run reconcile_runner(store::RunDB& db, model::Run run);

}  // namespace mlrun::launcher

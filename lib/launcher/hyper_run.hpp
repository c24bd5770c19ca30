// A hyper-parameter run: one child run per iteration (one at a time or in parallel), then the
// parent's iterations table, best iteration and state (runs-and-artifacts.md §9).
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "lib/launcher/local_launcher.hpp"

namespace mlrun::launcher {

struct HyperRun
{
    std::size_t max_parallel = 1;
    // Opens another connection to the store, for parallel workers.
    std::function<std::unique_ptr<store::RunDB>()> connect = {};
};

// Runs `task` once per parameter set of `task.run.spec.hyperparams` (strategy, max_iterations
// and selector from `spec.hyper_param_options`) and returns the parent run, as stored.
model::Run execute_hyper(const LocalTask& task, const HyperRun& hyper, store::RunDB& db,
                         RunOutput& output, const std::atomic<bool>* cancel);

}  // namespace mlrun::launcher

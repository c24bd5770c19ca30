// Reading a run for display, recording a dead runner first.

#include "commands/runs/checked_run.hpp"

#include "lib/launcher/runner_state.hpp"

namespace mlrun::commands {

model::Run checked_run(cli::Invocation& invocation, model::Run run)
{
    if (!launcher::runner_gone(run)) {
        return run;
    }
    run = launcher::mark_runner_died(std::move(run));
    invocation.run_db(store::Access::write).store_run(run);
    return run;
}

}  // namespace mlrun::commands

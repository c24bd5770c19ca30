// Reading a run for display, recording a dead runner first.

#include "commands/runs/checked_run.hpp"

#include "lib/error.hpp"
#include "lib/launcher/runner_state.hpp"

namespace mlrun::commands {

model::Run checked_run(cli::Invocation& invocation, model::Run run)
{
    if (!launcher::runner_gone(run)) {
        return run;
    }
    // Compare-and-set: the run may have finished since it was read; then that record stands.
    const auto& metadata = run.metadata;
    try {
        auto& db = invocation.run_db(store::Access::write);
        if (db.update_run_if_state(metadata.project, metadata.uid, metadata.iteration,
                                   run.status.state, launcher::runner_died_updates(run))) {
            return launcher::mark_runner_died(std::move(run));
        }
        return db.read_run(metadata.project, metadata.uid, metadata.iteration);
    } catch (const Error&) {
        // A store this reader cannot write (read-only, disk full): shown as it is, recorded by
        // the next reader that can.
        return launcher::mark_runner_died(std::move(run));
    }
}

}  // namespace mlrun::commands

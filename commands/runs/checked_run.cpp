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
        auto& db = invocation.run_db();
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

std::vector<model::Run> checked_runs(cli::Invocation& invocation, std::vector<model::Run> runs)
{
    for (auto& run : runs) {
        if (run.status.state != model::RunState::running &&
            run.status.state != model::RunState::pending) {
            continue;
        }
        // A summary carries the runner too (RunFilter::summary): no second read per row.
        auto checked = checked_run(invocation, run);
        if (checked.status.state != run.status.state) {
            run = std::move(checked);
        }
    }
    return runs;
}

store::RunRef named_run(cli::Invocation& invocation, const std::string& project_option,
                        const std::string& text)
{
    const auto fallback = invocation.project_or_default("");
    const auto project =
        project_option.empty() ? std::string{} : invocation.project_or_default(project_option);
    auto ref = store::resolve_run_ref(invocation.run_db(), project, fallback, text);
    if (project.empty() && ref.project != fallback) {
        invocation.logger().log(LogLevel::info,
                                "run " + ref.uid + " is in project '" + ref.project + "'");
    }
    return ref;
}

model::Run read_named_run(cli::Invocation& invocation, const std::string& project_option,
                          const std::string& text)
{
    auto ref = named_run(invocation, project_option, text);
    auto run =
        ref.run ? std::move(*ref.run) : invocation.run_db().read_run(ref.project, ref.uid, 0);
    return checked_run(invocation, std::move(run));
}

}  // namespace mlrun::commands

// Submitting a run to an MLRun API server.

#include "commands/run_remote.hpp"

#include "cli/run_summary.hpp"
#include "commands/log_follow.hpp"
#include "lib/error.hpp"
#include "lib/store/api_service.hpp"
#include "lib/util/base64.hpp"
#include "lib/util/files.hpp"

namespace mlrun::commands {

void submit_remote(RemoteSubmission submission, cli::Invocation& invocation)
{
    auto& run = submission.run;
    auto& function = submission.function;
    auto& build = function.spec.build;
    if (!submission.code_file.empty() && !build.contains("functionSourceCode")) {
        // The cluster cannot see this machine's files: the code travels inside the function,
        // as MLRun's code_to_function embeds it.
        build["functionSourceCode"] = util::base64_encode(util::read_file(submission.code_file));
        build["origin_filename"] = submission.code_file.string();
        function.spec.command.clear();
    }
    function.metadata.project = run.metadata.project;
    run.metadata.labels["kind"] = function.effective_kind();
    auto& db = invocation.run_db();
    auto& log = invocation.logger();
    const auto result =
        store::require_api(db, "running function kind '" + function.effective_kind() + "'",
                           "pass --local to run it on this machine, or set MLRUN_DBPATH to the "
                           "API's URL")
            .submit_job(run, function, submission.schedule);
    auto& output = invocation.output();
    if (!submission.schedule.empty()) {
        output.show(result.schedule, [&](std::ostream& out) {
            out << "Scheduled " << run.metadata.name << " (" << submission.schedule
                << ") in project " << run.metadata.project << "\n";
        });
        return;
    }
    if (!result.run) {
        throw Error("the MLRun API accepted the run but answered without it");
    }
    const auto& submitted = *result.run;
    const auto& uid = submitted.metadata.uid;
    const auto& project =
        submitted.metadata.project.empty() ? run.metadata.project : submitted.metadata.project;
    log.log(LogLevel::info, "Run submitted: {\"uid\":\"" + uid + "\",\"project\":\"" + project +
                                "\",\"state\":\"" +
                                std::string{model::to_string(submitted.status.state)} + "\"}");
    if (!submission.watch) {
        output.show(model::to_json(submitted), [&](std::ostream& out) {
            out << "To track results use: mlrun logs " << uid << " -p " << project << " -f\n";
        });
        return;
    }
    const auto followed = print_log(invocation, project, uid, 0, true);
    const auto final_run = db.read_run(project, uid, 0);
    log.log(LogLevel::info, "Run execution finished: {\"name\":\"" + final_run.metadata.name +
                                "\",\"status\":\"" +
                                std::string{model::to_string(final_run.status.state)} + "\"}");
    output.show(model::to_json(final_run), [&](std::ostream& out) {
        out << "Final state: " << model::to_string(followed.state) << "\n";
        cli::print_run_summary(out, final_run);
    });
    if (final_run.status.state != model::RunState::completed) {
        throw Error("run '" + uid + "' ended " +
                        std::string{model::to_string(final_run.status.state)} +
                        (final_run.status.error.empty() ? "" : ": " + final_run.status.error),
                    ErrorKind::failed, "see the log: mlrun logs " + uid + " -p " + project);
    }
}

}  // namespace mlrun::commands

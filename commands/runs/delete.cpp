// `mlrun runs delete UID... | --FILTER`: delete runs and their logs; by filter only after a
// confirmation (or --yes).

#include "commands/runs/runs.hpp"

#include "cli/shared_options.hpp"
#include "commands/runs/checked_run.hpp"
#include "commands/runs/run_filter.hpp"
#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::vector<std::string> uids;
    RunFilterOptions filter;
    bool yes = false;
};

bool has_filter(const RunFilterOptions& filter)
{
    return !filter.selector.empty() || !filter.name.empty() || !filter.states.empty() ||
           !filter.since.empty() || !filter.until.empty() || !filter.uid.empty();
}

// What a run store refuses to delete (an MLRun API answers 400 for running and pending).
bool still_running(model::RunState state)
{
    return state == model::RunState::running || state == model::RunState::pending ||
           state == model::RunState::aborting;
}

bool confirmed(cli::Invocation& invocation, const std::string& question)
{
    invocation.err() << question << " [y/N] ";
    invocation.err().flush();
    std::string answer;
    if (!std::getline(invocation.in(), answer)) {
        invocation.err() << '\n';
        return false;
    }
    const auto word = util::to_lower(util::trim(answer));
    return word == "y" || word == "yes";
}

void execute(const Options& options, cli::Invocation& invocation)
{
    if (options.uids.empty() && !has_filter(options.filter)) {
        throw Error("nothing selected to delete", ErrorKind::usage,
                    "give run uids, or a filter: --name, --state, --since, --until, -s LABELS");
    }
    auto& db = invocation.run_db();
    std::vector<std::pair<std::string, std::string>> targets;  // project, uid
    std::vector<std::string> running;  // not finished: refused before anything is deleted
    if (!options.uids.empty()) {
        for (const auto& text : options.uids) {  // all must exist before anything is deleted
            // A whole uid or a unique prefix: exactly one run, or nothing is deleted.
            auto ref = named_run(invocation, options.filter.project, text);
            // A run whose runner died is recorded as error first, so it can be deleted.
            const auto run = checked_run(
                invocation, ref.run ? std::move(*ref.run) : db.read_run(ref.project, ref.uid, 0));
            if (still_running(run.status.state)) {
                running.push_back(ref.uid);
            }
            targets.emplace_back(ref.project, ref.uid);
        }
    }
    store::RunFilter filter;
    if (options.uids.empty()) {
        filter = to_run_filter(options.filter, invocation);
        filter.all_iterations = false;
        if (!filter.uid.empty()) {
            // A delete never widens: --uid names one run (a whole uid or a unique prefix).
            filter.uid = named_run(invocation, options.filter.project, filter.uid).uid;
            filter.uid_prefix = false;
        }
        for (const auto& listed : db.list_runs(filter)) {
            const auto run = checked_run(invocation, listed);
            if (still_running(run.status.state)) {
                running.push_back(run.metadata.uid);
            }
            targets.emplace_back(run.metadata.project, run.metadata.uid);
        }
        if (targets.empty()) {
            invocation.output().text("no runs match; nothing deleted");
            return;
        }
    }
    if (!running.empty()) {
        throw Error(std::to_string(running.size()) + " of the selected runs " +
                        (running.size() == 1 ? "has" : "have") + " not finished (" +
                        running.front() + (running.size() > 1 ? ", ..." : "") +
                        "); nothing deleted",
                    ErrorKind::failed,
                    "stop them first, or select finished runs: --state completed,error,aborted");
    }
    if (options.uids.empty()) {
        if (!options.yes && !confirmed(invocation, "Delete " + std::to_string(targets.size()) +
                                                       " run(s) and their logs from project '" +
                                                       filter.project + "'?")) {
            throw Error("not confirmed; nothing deleted", ErrorKind::failed,
                        "pass --yes to skip the question");
        }
    }
    std::size_t rows = 0;
    Json deleted = Json::array();
    for (const auto& [run_project, uid] : targets) {
        rows += db.delete_run(run_project, uid);
        deleted.push_back(uid);
    }
    invocation.output().show(Json{{"deleted", deleted}}, [&](std::ostream& out) {
        out << "deleted " << targets.size() << " run(s) (" << rows << " including iterations)\n";
    });
}

}  // namespace

void add_runs_delete(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("uids", options->uids, "Uids of the runs to delete")->type_name("UID...");
    add_run_filter_options(command, options->filter, RunFilterUse::deletion);
    command.add_flag("-y,--yes", options->yes, "Do not ask before deleting by filter");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands

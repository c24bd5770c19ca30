// `mlrun runs delete UID... | --FILTER`: delete runs and their logs; by filter only after a
// confirmation (or --yes).

#include "commands/runs/runs.hpp"

#include "cli/shared_options.hpp"
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
    auto& db = invocation.run_db(store::Access::write);
    const auto project = invocation.project_or_default(options.filter.project);
    std::vector<std::pair<std::string, std::string>> targets;  // project, uid
    if (!options.uids.empty()) {
        for (const auto& uid : options.uids) {  // all must exist before anything is deleted
            db.read_run(project, uid, 0);
            targets.emplace_back(project, uid);
        }
    } else {
        auto filter = to_run_filter(options.filter, invocation);
        filter.all_iterations = false;
        for (const auto& run : db.list_runs(filter)) {
            targets.emplace_back(run.metadata.project, run.metadata.uid);
        }
        if (targets.empty()) {
            invocation.output().text("no runs match; nothing deleted");
            return;
        }
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
    add_run_filter_options(command, options->filter);
    command.add_flag("-y,--yes", options->yes, "Do not ask before deleting by filter");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands

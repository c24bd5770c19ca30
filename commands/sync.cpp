// `mlrun sync push|pull`: copies projects, functions, runs, logs and artifact records between
// the embedded store and an MLRun API (or two store files). The rules live in lib/sync.

#include "lib/sync/sync.hpp"
#include <unistd.h>

#include "cli/exit_code.hpp"
#include "cli/progress.hpp"
#include "cli/shared_options.hpp"
#include "cli/terminal.hpp"
#include "commands/commands.hpp"
#include <filesystem>

#include "lib/error.hpp"
#include "lib/store/api_service.hpp"
#include "lib/store/open_run_db.hpp"
#include "lib/util/time.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    bool push = true;
    std::string from;
    std::string to;
    std::vector<std::string> projects;
    std::string since;
    std::string uid;
    std::vector<std::string> labels;
    bool dry_run = false;
    bool with_data = false;
    std::string data_path;
};

std::string describe(const std::string& dbpath)
{
    return dbpath.empty() ? std::string{"the local store"} : dbpath;
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto configured = invocation.config().dbpath();
    const bool configured_remote = store::is_remote(configured);
    std::string from = options.from;
    std::string to = options.to;
    if (options.push) {
        if (from.empty()) {
            from = configured_remote ? std::string{} : configured;
        }
        if (to.empty()) {
            if (!configured_remote) {
                throw Error("mlrun sync push needs where to push: --to URL, or MLRUN_DBPATH set "
                            "to an MLRun API",
                            ErrorKind::usage);
            }
            to = configured;
        }
    } else {
        if (from.empty()) {
            if (!configured_remote) {
                throw Error("mlrun sync pull needs where to pull from: --from URL, or "
                            "MLRUN_DBPATH set to an MLRun API",
                            ErrorKind::usage);
            }
            from = configured;
        }
        if (to.empty()) {
            to = configured_remote ? std::string{} : configured;
        }
    }
    if (from == to) {
        throw Error("sync from " + describe(from) + " to itself", ErrorKind::usage);
    }
    sync::SyncOptions sync_options;
    sync_options.projects = options.projects;
    if (!options.since.empty()) {
        sync_options.since = util::parse_time_spec(options.since, util::now_micros());
    }
    sync_options.uid = options.uid;
    sync_options.labels = options.labels;
    sync_options.dry_run = options.dry_run;

    auto source = invocation.open_other_store(from, store::Access::read);
    auto target = invocation.open_other_store(to, options.dry_run ? store::Access::read
                                                                  : store::Access::write);
    if (!options.data_path.empty() && !options.with_data) {
        throw Error("--data-path is where --with-data copies artifact files; pass --with-data",
                    ErrorKind::usage);
    }
    if (options.with_data) {
        std::string folder = options.data_path;
        if (auto* api = target->api(); folder.empty() && api != nullptr) {
            const auto spec = api->client_spec();
            folder = spec.is_object() ? spec.value("artifact_path", std::string{}) : "";
        }
        if (folder.empty() || folder.find("://") != std::string::npos) {
            throw Error("--with-data needs a folder of this machine to copy artifact files into" +
                            (folder.empty() ? std::string{} : " (the target's is " + folder + ")"),
                        ErrorKind::usage, "pass --data-path DIR");
        }
        sync_options.data_path = std::filesystem::absolute(folder).lexically_normal();
    }
    auto& logger = invocation.logger();
    logger.log(LogLevel::info, std::string{options.dry_run ? "Would copy" : "Copying"} + " from " +
                                   source->location() + " to " + target->location());
    auto& out = invocation.out();
    // On a terminal: how many items were decided so far (a listing's total is not known first).
    cli::ProgressBar progress{invocation.err(), !options.dry_run && cli::is_terminal(STDERR_FILENO),
                              "sync", "items"};
    std::uint64_t decided = 0;
    const auto report =
        sync::sync_stores(*source, *target, sync_options, [&](const sync::ItemEvent& event) {
            progress.update(++decided, 0);
            if (event.outcome == sync::Outcome::copied) {
                if (options.dry_run) {
                    out << "would copy " << sync::to_string(event.kind) << " " << event.name
                        << "\n";
                } else {
                    logger.log(LogLevel::debug, "copied " +
                                                    std::string{sync::to_string(event.kind)} + " " +
                                                    event.name);
                }
            } else if (event.outcome == sync::Outcome::kept_newer) {
                logger.log(LogLevel::warning,
                           std::string{sync::to_string(event.kind)} + " " + event.name +
                               ": newer in " + target->location() + ", left alone" +
                               (event.detail.empty() ? "" : " (" + event.detail + ")"));
            }
        });

    progress.finish();
    std::string summary;
    for (const auto kind : {sync::ItemKind::project, sync::ItemKind::function, sync::ItemKind::run,
                            sync::ItemKind::log, sync::ItemKind::artifact}) {
        const auto i = static_cast<std::size_t>(kind);
        summary += (summary.empty() ? "" : ", ") + std::string{sync::to_string(kind)} + "s " +
                   std::to_string(report.copied[i]) + " " +
                   (options.dry_run ? "to copy" : "copied") + " / " +
                   std::to_string(report.present[i]) + " already there" +
                   (report.kept_newer[i] != 0
                        ? " / " + std::to_string(report.kept_newer[i]) + " newer there"
                        : std::string{});
    }
    out << (options.dry_run ? "Dry run: " : "Synced: ") << summary;
    if (options.with_data && !options.dry_run) {
        out << "; artifact data " << cli::human_bytes(report.data_bytes) << " copied into "
            << sync_options.data_path.string();
    }
    out << "\n";
    if (!report.failures.empty()) {
        for (const auto& failure : report.failures) {
            invocation.err() << "failed: " << sync::to_string(failure.kind) << " " << failure.name
                             << ": " << failure.detail << "\n";
        }
        throw Error(std::to_string(report.failures.size()) +
                        " item(s) could not be copied (listed above); run the same sync again "
                        "to retry them",
                    ErrorKind::failed);
    }
}

void add_common(CLI::App& command, Options& options)
{
    command.add_option("--from", options.from, "Source: an MLRun API URL or a store path")
        ->type_name("URL|PATH");
    command.add_option("--to", options.to, "Target: an MLRun API URL or a store path")
        ->type_name("URL|PATH");
    command.add_option("-p,--project", options.projects, "Only this project; repeatable")
        ->type_name("NAME");
    command
        .add_option("--since", options.since,
                    "Only runs started since (ISO time, or 2h / 3d / 1w ago)")
        ->type_name("TIME");
    command.add_option("--uid", options.uid, "Only this run (all its iterations)")
        ->type_name("UID");
    command.add_option("-l,--label", options.labels, "Only runs with this label (k=v or k)")
        ->type_name("LABEL");
    command.add_flag("--dry-run", options.dry_run, "List what would be copied; copy nothing");
    command.add_flag("--with-data", options.with_data,
                     "Also copy artifacts' local files (hash-verified) and point the target's "
                     "records at the copies");
    command
        .add_option("--data-path", options.data_path,
                    "Where --with-data copies files (default: the target API's artifact path)")
        ->type_name("DIR");
}

}  // namespace

void add_sync(CLI::App& command, cli::Invocation& invocation)
{
    command.require_subcommand(1);
    command.footer(
        "Copies projects, functions, runs (every iteration), logs and artifact records. What the "
        "target has is not sent again (runs: same uid with a last update at least as new; logs: "
        "only the missing bytes), so a second sync sends nothing and an interrupted one resumes. "
        "Artifact files stay where they are.");
    auto push_options = std::make_shared<Options>();
    auto* push = command.add_subcommand(
        "push", "Copy the local store into an MLRun API (--to, or MLRUN_DBPATH) or a store file");
    add_common(*push, *push_options);
    push->callback([push_options, &invocation] { execute(*push_options, invocation); });
    auto pull_options = std::make_shared<Options>();
    pull_options->push = false;
    auto* pull = command.add_subcommand(
        "pull", "Copy an MLRun API (--from, or MLRUN_DBPATH) or a store file into the local store");
    add_common(*pull, *pull_options);
    pull->callback([pull_options, &invocation] { execute(*pull_options, invocation); });
}

}  // namespace mlrun::commands

// `mlrun logs UID`: print a run's log from the store, or follow it (-f) until the run ends.

#include "commands/commands.hpp"

#include "cli/shared_options.hpp"
#include "commands/log_follow.hpp"
#include "commands/runs/checked_run.hpp"
#include "lib/error.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string uid;
    std::string project;
    std::uint64_t offset = 0;
    bool watch = false;
    bool follow = false;
    std::size_t tail = 0;
};

void execute(const Options& options, cli::Invocation& invocation)
{
    if (options.watch) {
        invocation.logger().log(LogLevel::warning,
                                "'--watch' is deprecated and does nothing; use -f/--follow");
    }
    auto ref = named_run(invocation, options.project, options.uid);
    const auto& project = ref.project;
    const auto& uid = ref.uid;
    auto& db = invocation.run_db();
    auto run = ref.run ? std::move(*ref.run) : db.read_run(project, uid, 0);
    if (!db.is_remote()) {
        run = checked_run(invocation, std::move(run));
    }
    auto offset = options.offset;
    if (options.tail > 0) {
        offset = std::max<std::uint64_t>(offset, db.log_tail_offset(project, uid, options.tail));
    }
    run.status.state = print_log(invocation, project, uid, offset, options.follow).state;
    auto& out = invocation.out();
    if (run.status.state != model::RunState::unknown) {
        out << "Final state: " << model::to_string(run.status.state) << '\n';
    }
    if (options.follow && run.status.state != model::RunState::completed) {
        throw Error("run '" + uid + "' ended " + std::string{model::to_string(run.status.state)},
                    ErrorKind::failed);
    }
}

}  // namespace

void add_logs(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("uid", options->uid, "The run's uid")->required()->type_name("UID");
    command
        .add_option("-p,--project", options->project,
                    "Project (default: the configured default project)")
        ->type_name("NAME");
    command.add_option("--offset", options->offset, "Start at this byte of the log")
        ->type_name("BYTES")
        ->check(cli::whole_number(0, 1'000'000'000'000'000));
    cli::add_db_option(command, invocation);
    command.add_flag("-w,--watch", options->watch, "Deprecated; does nothing (use -f)");
    command.add_flag("-f,--follow", options->follow,
                     "Stream the log until the run ends; exit 0 if it completed, 1 otherwise");
    command.add_option("--tail", options->tail, "Start with the last N lines")
        ->type_name("N")
        ->check(cli::whole_number(0));
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands

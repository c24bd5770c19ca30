// `mlrun runs rerun UID`: a new run of what UID ran (lib/launcher/rerun), with -p overrides,
// here or on the API as the original ran. It becomes `mlrun run --task ... -f db://...` (exec),
// so the new run is started, followed, summarised and exits exactly as `mlrun run` does.

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/shared_options.hpp"
#include "commands/runs/checked_run.hpp"
#include "commands/runs/runs.hpp"
#include "lib/error.hpp"
#include "lib/launcher/rerun.hpp"
#include "lib/launcher/task_options.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string uid;
    std::string project;
    std::vector<std::string> parameters;
    bool watch = false;
    bool local = false;
};

// The task as a file only the new `mlrun run` can see: an anonymous memory file inherited
// across exec, so nothing is left on disk whatever becomes of the run.
std::string task_file(const Json& task)
{
    const int fd = ::memfd_create("mlrun-rerun-task", 0);
    if (fd < 0) {
        throw Error(std::string{"cannot hold the rerun's task: "} + std::strerror(errno));
    }
    const std::string text = task.dump(2);
    std::size_t written = 0;
    while (written < text.size()) {
        const auto n = ::write(fd, text.data() + written, text.size() - written);
        if (n <= 0) {
            throw Error(std::string{"cannot hold the rerun's task: "} + std::strerror(errno));
        }
        written += static_cast<std::size_t>(n);
    }
    return "/proc/self/fd/" + std::to_string(fd);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto original = read_named_run(invocation, options.project, options.uid);
    const auto overrides =
        launcher::parse_parameters(options.parameters, {"-p", &invocation.logger()});
    const auto task = launcher::rerun_task(original, overrides);
    auto& db = invocation.run_db();
    const bool remote = launcher::ran_remotely(original) && db.is_remote() && !options.local;
    std::vector<std::string> args = {"mlrun",     "run",
                                     "--task",    task_file(model::to_json(task)),
                                     "-f",        launcher::rerun_function_url(original),
                                     "--project", original.metadata.project};
    if (!remote) {
        args.emplace_back("--local");
    }
    if (options.watch) {
        args.emplace_back("--watch");
    }
    if (const auto dbpath = invocation.config().dbpath(); !dbpath.empty()) {
        args.emplace_back("--db");
        args.push_back(dbpath);
    }
    invocation.logger().log(LogLevel::info, "Rerunning " + original.metadata.name + " (" +
                                                original.metadata.uid + ") " +
                                                (remote ? "on " + db.location() : "here"));
    invocation.out().flush();
    invocation.err().flush();
    std::vector<char*> argv;
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const auto self = std::filesystem::read_symlink("/proc/self/exe");
    ::execv(self.c_str(), argv.data());
    throw Error("cannot start the rerun (" + self.string() + "): " + std::strerror(errno));
}

}  // namespace

void add_runs_rerun(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command
        .add_option("uid", options->uid,
                    "The run to repeat: a uid or a unique prefix, 'latest' or '@-1' (the one "
                    "before)")
        ->required();
    command.add_option("--project", options->project, "The run's project")->type_name("NAME");
    command.add_option("-p,--param", options->parameters, "Override a parameter: key=value")
        ->type_name("KEY=VALUE");
    command.add_flag("-w,--watch", options->watch, "Follow the new run's log (remote runs)");
    command.add_flag("--local", options->local, "Run here even if the original ran on an API");
    command.footer("The new run has the original's function version, handler, parameters, "
                   "inputs and hyper-parameters, with -p overrides, and the label "
                   "rerun-of=UID. It runs where the original ran: here, or submitted to the "
                   "configured MLRun API for a remote kind.");
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands

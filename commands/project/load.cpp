// `mlrun project load SOURCE`: a project from a folder, a git repository (file://, https://,
// ssh://, git:// with #branch, #refs/tags/T or #sha), an archive, a YAML file or the store;
// saved to its folder and the run store.

#include "lib/project/load.hpp"
#include "cli/shared_options.hpp"
#include "commands/project/project.hpp"
#include "commands/project/project_common.hpp"
#include "lib/archive/extract.hpp"
#include "lib/error.hpp"
#include "lib/launcher/task_options.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string source;
    std::string context;
    std::string name;
    std::string subpath;
    std::vector<std::string> params;
    bool clone = false;
    bool dirty = false;
    bool init_git = false;
    bool sync = false;
    bool save = true;
};

// Where a source goes when no --context is given: a folder stays where it is; a repository or
// archive goes to ./<its name>; a YAML file's project lives next to it; a stored project in
// ./<name>.
std::filesystem::path default_context(const project::ProjectSource& source)
{
    using project::SourceKind;
    auto last_part = [](std::string text) {
        text = text.substr(0, text.find('#'));
        while (text.ends_with("/")) {
            text.pop_back();
        }
        return text.substr(text.find_last_of("/:") + 1);
    };
    switch (source.kind) {
    case SourceKind::directory: return source.location;
    case SourceKind::yaml:
        if (!source.remote()) {
            const auto parent = std::filesystem::path{source.location}.parent_path();
            return parent.empty() ? "." : parent;
        }
        return ".";
    case SourceKind::git: {
        auto name = last_part(source.location);
        if (name.ends_with(".git")) {
            name.resize(name.size() - 4);
        }
        return name.empty() ? "project" : name;
    }
    case SourceKind::archive: {
        auto name = last_part(source.location);
        for (const char* suffix : {".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tar", ".zip"}) {
            if (name.ends_with(suffix)) {
                name.resize(name.size() - std::string_view{suffix}.size());
                break;
            }
        }
        return name.empty() ? "project" : name;
    }
    case SourceKind::db: return source.name;
    }
    return ".";
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto& environment = invocation.effective_environment();
    const auto source = project::classify_source(options.source);
    project::LoadRequest request;
    request.context =
        options.context.empty() ? default_context(source) : std::filesystem::path{options.context};
    if (source.kind != project::SourceKind::directory ||
        std::filesystem::absolute(source.location).lexically_normal() !=
            std::filesystem::absolute(request.context).lexically_normal()) {
        if (source.kind == project::SourceKind::directory) {
            throw Error("a folder is loaded where it is; --context cannot move it",
                        ErrorKind::usage, "copy the folder, or pass it as --context");
        }
        request.source = source;
    }
    request.name = options.name;
    request.subpath = options.subpath;
    request.clone = options.clone;
    request.allow_dirty = options.dirty;
    request.init_git = options.init_git;
    request.parameters =
        launcher::parse_parameters(options.params, {"--param", &invocation.logger()});
    request.environment = environment;
    const bool needs_db = source.kind == project::SourceKind::db;
    const auto loaded = project::load_project(request, needs_db ? &invocation.run_db() : nullptr);
    auto& log = invocation.logger();
    for (const auto& warning : loaded.warnings) {
        log.log(LogLevel::warning, warning);
    }
    if (options.save) {
        save_project(invocation, loaded.project, request.context);
    }
    std::size_t synced = 0;
    if (options.sync) {
        synced = sync_functions(invocation, loaded.project, request.context);
    }
    const auto& project = loaded.project;
    Json summary = {{"name", project.metadata.name},
                    {"source", source.shown()},
                    {"context", request.context.string()},
                    {"functions", project.spec.functions.size()},
                    {"workflows", project.spec.workflows.size()},
                    {"saved", options.save}};
    if (!loaded.commit.empty()) {
        summary["commit"] = loaded.commit;
        summary["branch"] = loaded.branch;
        summary["dirty"] = loaded.dirty;
    }
    if (!project.spec.source.empty()) {
        summary["project_source"] = project.spec.source;
    }
    if (options.sync) {
        summary["synced_functions"] = synced;
    }
    invocation.output().show(summary, [&](std::ostream& out) {
        out << "Loaded project " << project.metadata.name << " from " << source.shown() << " into "
            << request.context.string() << "\n";
        out << "  functions: " << project.spec.functions.size()
            << ", workflows: " << project.spec.workflows.size() << "\n";
        if (!loaded.commit.empty()) {
            out << "  commit: " << loaded.commit
                << (loaded.branch.empty() ? "" : " (branch " + loaded.branch + ")")
                << (loaded.dirty ? ", uncommitted changes" : "") << "\n";
        }
        if (options.sync) {
            out << "  stored " << synced << " functions in the run store\n";
        }
    });
}

}  // namespace

void add_project_load(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command
        .add_option("source", options->source,
                    "A folder, git URL (#branch, #refs/tags/T, #sha), .zip/.tar.gz, .yaml, or "
                    "db://NAME")
        ->required()
        ->type_name("SOURCE");
    command
        .add_option("--context", options->context,
                    "Where the project goes (default: the folder, or ./NAME)")
        ->type_name("DIR");
    command.add_option("-n,--name", options->name, "Project name (overrides the file's)")
        ->type_name("NAME");
    command.add_option("--subpath", options->subpath, "Project files are in CONTEXT/SUBPATH")
        ->type_name("DIR");
    command.add_option("-x,--param", options->params, "Project parameter KEY=VALUE (repeatable)")
        ->type_name("KEY=VALUE");
    command.add_flag("-c,--clone", options->clone,
                     "Empty the context before cloning or extracting into it");
    command.add_flag("-d,--dirty", options->dirty, "Accept uncommitted git changes");
    command.add_flag("--init-git", options->init_git, "git init the context if it is not a repo");
    command.add_flag("--sync", options->sync, "Store the project's functions in the run store");
    command.add_flag("--save,!--no-save", options->save,
                     "Write project.yaml and store the project (default), or not");
    cli::add_env_file_option(command, invocation);
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands

// `mlrun artifacts log PATH --key K`: copy a file or a folder into the artifact path (hashing it
// on the way) and record it in the store, as a project artifact.

#include <unistd.h>

#include <set>

#include "cli/progress.hpp"
#include "cli/shared_options.hpp"
#include "cli/terminal.hpp"
#include "commands/artifacts/artifacts.hpp"
#include "lib/artifacts/resolve.hpp"
#include "lib/artifacts/transfer.hpp"
#include "lib/error.hpp"
#include "lib/launcher/local_launcher.hpp"
#include "lib/launcher/run_record.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/time.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string path;
    std::string key;
    std::string kind;
    std::string tag;
    std::vector<std::string> labels;
    std::string project;
    std::string artifact_path;
    bool force = false;
    bool quiet = false;
};

// ".tar.gz" of "data.tar.gz"; "" of "README".
std::string suffixes(const std::filesystem::path& path)
{
    const auto name = path.filename().string();
    const auto dot = name.find('.', 1);
    return dot == std::string::npos ? std::string{} : name.substr(dot);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    artifacts::check_key(options.key);
    const std::filesystem::path source{options.path};
    std::error_code error;
    const auto status = std::filesystem::status(source, error);
    if (!std::filesystem::exists(status)) {
        throw Error("Failed to log an artifact, file does not exists at path " + options.path,
                    ErrorKind::not_found);
    }
    const bool folder = std::filesystem::is_directory(status);
    auto kind = options.kind.empty() ? (folder ? std::string{"dir"} : std::string{"artifact"})
                                     : options.kind;
    if (kind == "file") {
        kind = "artifact";
    }
    static const std::set<std::string> kinds = {"artifact", "dataset", "model", "dir"};
    if (!kinds.contains(kind)) {
        throw Error("unknown artifact kind '" + kind + "' (file, dataset, model or dir)",
                    ErrorKind::usage);
    }
    if (folder && kind != "dir" && kind != "model") {
        throw Error(options.path + " is a folder: log it with --kind dir or --kind model",
                    ErrorKind::usage);
    }
    if (!folder && kind == "dir") {
        throw Error(options.path + " is not a folder", ErrorKind::usage);
    }
    const auto project = invocation.project_or_default(options.project);
    const auto base = artifact_path_for(invocation, options.artifact_path, project);
    const auto local_base = artifacts::local_target(base);
    if (!local_base) {
        throw Error("cannot write to " + base.substr(0, base.find("://") + 3) +
                        " artifact paths from this tool yet",
                    ErrorKind::failed, "use a local --artifact-path (or file://)");
    }
    model::Artifact artifact;
    artifact.kind = kind;
    auto& metadata = artifact.metadata;
    metadata.key = options.key;
    metadata.project = project;
    metadata.tree = launcher::new_uid();
    metadata.labels =
        launcher::parse_labels(options.labels, invocation.environment(), {"--label", nullptr});
    auto& spec = artifact.spec;
    spec.src_path = std::filesystem::absolute(source).lexically_normal().string();
    spec.db_key = options.key;
    spec.producer = {{"kind", "project"},
                     {"name", project},
                     {"tag", metadata.tree},
                     {"owner", launcher::run_owner(invocation.environment())}};
    auto& out = invocation.out();
    if (folder) {
        const auto destination = *local_base / options.key;
        const auto entries = artifacts::copy_tree(source, destination, options.force);
        std::uint64_t total = 0;
        Json extra = Json::object();
        for (const auto& entry : entries) {
            total += entry.digest.size;
            extra[entry.path] = (destination / entry.path).string();
        }
        spec.target_path = destination.string() + "/";
        spec.size = static_cast<std::int64_t>(total);
        spec.extra_data = extra;
        metadata.hash = artifacts::tree_hash(entries);
    } else {
        const auto destination = kind == "model" ? *local_base / options.key / source.filename()
                                                 : *local_base / (options.key + suffixes(source));
        const bool show = !options.quiet && cli::is_terminal(STDERR_FILENO);
        cli::ProgressBar bar{invocation.err(), show, "logging " + options.key};
        const auto digest = artifacts::copy_file(
            source, destination, options.force,
            [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); },
            invocation.server_config().flag("artifacts.calculate_hash"));
        bar.finish();
        spec.target_path =
            kind == "model" ? (*local_base / options.key).string() + "/" : destination.string();
        if (kind == "model") {
            spec.extra["model_file"] = source.filename().string();
        }
        if (kind == "dataset") {
            const auto format = suffixes(source);
            if (!format.empty()) {
                spec.format = format.substr(format.rfind('.') + 1);
            }
        }
        spec.size = static_cast<std::int64_t>(digest.size);
        metadata.hash = digest.sha1;
    }
    metadata.updated = util::format_iso(util::now_micros());
    auto& db = invocation.run_db();
    model::add_stored_keys(artifact);
    db.store_artifact(artifact, options.tag.empty() ? "latest" : options.tag);
    if (!options.tag.empty()) {
        artifact.metadata.tag = options.tag;
    }
    invocation.output().show(model::to_json(artifact), [&](std::ostream& stream) {
        stream << "Logged " << kind << " " << options.key << " ("
               << cli::human_bytes(static_cast<std::uint64_t>(spec.size.value_or(0))) << ", sha1 "
               << metadata.hash << ")\n  " << spec.target_path << "\n  " << artifact.store_uri()
               << "\n";
    });
    (void)out;
}

}  // namespace

void add_artifacts_log(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("path", options->path, "File or folder to log")
        ->required()
        ->type_name("PATH");
    command.add_option("-k,--key", options->key, "Artifact key")->required()->type_name("KEY");
    command.add_option("--kind", options->kind, "file (default), dataset, model or dir")
        ->type_name("KIND");
    command.add_option("-t,--tag", options->tag, "Version tag (besides latest)")->type_name("TAG");
    command.add_option("-l,--label", options->labels, "Label KEY=VALUE (repeatable)")
        ->type_name("KEY=VALUE");
    command.add_option("-p,--project", options->project, "Project")->type_name("NAME");
    command
        .add_option("--artifact-path", options->artifact_path,
                    "Where the data goes (default: the configured artifact_path, else "
                    "./artifacts)")
        ->type_name("PATH");
    command.add_flag("-f,--force", options->force, "Replace data already at the target");
    command.add_flag("-q,--quiet", options->quiet, "No progress bar");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands

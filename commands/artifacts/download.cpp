// `mlrun artifacts download KEY|URI [-O DEST]`: fetch an artifact's data (local and file://
// targets copied, http(s) downloaded with resume, other schemes through the MLRun API), check
// its size and SHA-1, and only then put it in place.

#include <unistd.h>

#include "cli/progress.hpp"
#include "cli/shared_options.hpp"
#include "cli/terminal.hpp"
#include "commands/artifacts/artifacts.hpp"
#include "lib/artifacts/resolve.hpp"
#include "lib/artifacts/transfer.hpp"
#include "lib/error.hpp"
#include "lib/store/api_service.hpp"
#include "lib/util/files.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string name;
    std::string project;
    artifacts::Selection selection;
    std::string destination;
    std::string positional_destination;  // `download URI DEST`, the same as -O DEST
    bool force = false;
    bool quiet = false;
};

std::string last_name(std::string target)
{
    while (target.ends_with("/")) {
        target.pop_back();
    }
    return target.substr(target.find_last_of('/') + 1);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto project = invocation.project_or_default(options.project);
    auto& db = invocation.run_db();
    const auto ref = artifacts::parse_reference(options.name, project, options.selection);
    const auto artifact = artifacts::resolve(db, ref);
    const auto& target = artifact.spec.target_path;
    if (target.empty()) {
        throw Error("artifact '" + ref.key + "' has no target path (an inline artifact?)",
                    ErrorKind::failed, "see its body with 'mlrun artifacts get " + ref.key + "'");
    }
    const auto name = last_name(target);
    if (name.empty() || name == "." || name == "..") {
        throw Error("cannot name a download after '" + target + "'", ErrorKind::usage,
                    "pass -O DEST");
    }
    const std::filesystem::path destination =
        options.destination.empty() ? std::filesystem::path{name}
        : std::filesystem::is_directory(options.destination)
            ? std::filesystem::path{options.destination} / name
            : std::filesystem::path{options.destination};
    std::error_code error;
    if (!options.force &&
        std::filesystem::exists(std::filesystem::symlink_status(destination, error))) {
        throw Error(destination.string() + " already exists", ErrorKind::failed,
                    "pass --force to replace it");
    }
    const std::optional<std::uint64_t> size =
        artifact.spec.size
            ? std::optional<std::uint64_t>{static_cast<std::uint64_t>(*artifact.spec.size)}
            : std::nullopt;
    const bool show = !options.quiet && cli::is_terminal(STDERR_FILENO);
    cli::ProgressBar bar{invocation.err(), show, "downloading " + name};
    const auto progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
    if (const auto local = artifacts::local_target(target)) {
        if (std::filesystem::is_directory(*local)) {
            const auto entries = artifacts::copy_tree(*local, destination, options.force);
            bar.finish();
            if (!artifact.metadata.hash.empty() &&
                artifacts::tree_hash(entries) != artifact.metadata.hash) {
                throw Error("the files under " + local->string() +
                                " differ from what the artifact recorded (folder hash)",
                            ErrorKind::failed);
            }
        } else {
            if (!std::filesystem::exists(*local)) {
                throw Error("the data of artifact '" + ref.key + "' is gone: " + local->string() +
                                " does not exist",
                            ErrorKind::not_found);
            }
            // Copied to a temporary name, verified, then renamed: a corrupt copy never lands.
            auto staging = destination;
            staging += ".part";
            const auto digest = artifacts::copy_file(*local, staging, true, progress);
            bar.finish();
            const bool size_ok = !size || digest.size == *size;
            const bool hash_ok =
                artifact.metadata.hash.empty() || digest.sha1 == artifact.metadata.hash;
            if (!size_ok || !hash_ok) {
                std::filesystem::remove(staging, error);
                throw Error(local->string() + (size_ok ? " has SHA-1 " + digest.sha1 +
                                                             " where the artifact records " +
                                                             artifact.metadata.hash
                                                       : " has " + std::to_string(digest.size) +
                                                             " bytes where the artifact records " +
                                                             std::to_string(*size)),
                            ErrorKind::failed,
                            "the data was changed after it was logged; nothing was written");
            }
            std::filesystem::rename(staging, destination, error);
            if (error) {
                throw Error("cannot write " + destination.string() + ": " + error.message());
            }
        }
    } else if (target.starts_with("http://") || target.starts_with("https://")) {
        artifacts::download(target, destination, size, artifact.metadata.hash, progress);
        bar.finish();
    } else if (auto* api = db.api()) {
        const auto bytes = api->read_data(project, target);
        bar.finish();
        if (size && bytes.size() != *size) {
            throw Error("the MLRun API sent " + std::to_string(bytes.size()) + " bytes of " +
                            target + " where the artifact records " + std::to_string(*size),
                        ErrorKind::failed);
        }
        util::write_file_atomically(destination, bytes);
        if (!artifact.metadata.hash.empty()) {
            try {
                artifacts::verify(destination, size, artifact.metadata.hash);
            } catch (...) {
                std::filesystem::remove(destination, error);
                throw;
            }
        }
    } else {
        const auto scheme = target.substr(0, target.find("://"));
        throw Error("artifact '" + ref.key + "' is stored at " + scheme +
                        "://, which this tool reads only through an MLRun API server",
                    ErrorKind::failed, "set MLRUN_DBPATH to the API's URL");
    }
    invocation.output().show({{"key", artifact.metadata.key},
                              {"target_path", target},
                              {"path", destination.string()},
                              {"hash", artifact.metadata.hash}},
                             [&](std::ostream& out) {
                                 out << "Downloaded " << target << " to " << destination.string()
                                     << "\n";
                             });
}

}  // namespace

void add_artifacts_download(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("artifact", options->name, "KEY[#iter][:tag][@tree] or a store:// URI")
        ->required()
        ->type_name("KEY|URI");
    command
        .add_option("dest", options->positional_destination,
                    "Where to write (as -O): a file, or a folder to write into")
        ->type_name("DEST");
    command
        .add_option("-O,--output-file", options->destination,
                    "Where to write (a file, or a folder to write into; default: ./NAME)")
        ->type_name("DEST");
    command.add_option("-p,--project", options->project, "Project")->type_name("NAME");
    add_version_options(command, options->selection, "Tag (default latest)");
    command.add_flag("-f,--force", options->force, "Replace DEST when it exists");
    command.add_flag("-q,--quiet", options->quiet, "No progress bar");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] {
        if (!options->positional_destination.empty()) {
            if (!options->destination.empty()) {
                throw Error("give the destination once: as DEST or with -O", ErrorKind::usage);
            }
            options->destination = options->positional_destination;
        }
        execute(*options, invocation);
    });
}

}  // namespace mlrun::commands

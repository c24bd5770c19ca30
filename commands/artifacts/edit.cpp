// `mlrun artifacts tag|untag|delete`.

#include "cli/shared_options.hpp"
#include "commands/artifacts/artifacts.hpp"
#include "lib/artifacts/resolve.hpp"
#include "lib/error.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/paths.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string name;
    std::string tag_name;  // tag / untag
    std::string project;
    std::string tag;
    std::optional<std::int64_t> iter;
    std::string tree;
    bool purge = false;
    std::string artifact_path;
};

void add_selection(CLI::App& command, Options& options, cli::Invocation& invocation)
{
    command.add_option("-p,--project", options.project, "Project")->type_name("NAME");
    command.add_option("--iter", options.iter, "Iteration")->type_name("N");
    command.add_option("--tree", options.tree, "Producer: run uid or workflow id")->type_name("ID");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
}

store::ArtifactRef reference(const Options& options, cli::Invocation& invocation)
{
    return artifacts::parse_reference(options.name, invocation.project_or_default(options.project),
                                      options.tag, options.iter, options.tree);
}

void purge_data(const model::Artifact& artifact, const std::string& artifact_path)
{
    const auto local = artifacts::local_target(artifact.spec.target_path);
    if (!local) {
        throw Error("--purge removes local data only; " + artifact.spec.target_path +
                        " is left in place",
                    ErrorKind::failed);
    }
    // Only data inside the artifact path goes: an artifact can point anywhere.
    const auto root = artifacts::local_target(artifact_path);
    if (!root || !util::resolves_inside(*local, *root)) {
        throw Error("refusing to purge " + local->string() + ": it is outside the artifact path " +
                        artifact_path,
                    ErrorKind::failed, "pass --artifact-path DIR that contains it");
    }
    std::error_code error;
    if (std::filesystem::is_symlink(*local)) {
        throw Error("refusing to purge " + local->string() + ": it is a link", ErrorKind::failed);
    }
    std::filesystem::remove_all(*local, error);
    if (error) {
        throw Error("cannot remove " + local->string() + ": " + error.message());
    }
}

}  // namespace

void add_artifacts_tag(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("artifact", options->name, "KEY[#iter][:tag][@tree] or a store:// URI")
        ->required()
        ->type_name("KEY|URI");
    command.add_option("new_tag", options->tag_name, "The tag to point at it")
        ->required()
        ->type_name("TAG");
    command.add_option("-t,--tag", options->tag, "The version to tag, by its tag (default latest)")
        ->type_name("TAG");
    add_selection(command, *options, invocation);
    command.callback([options, &invocation] {
        auto& db = invocation.run_db(store::Access::write);
        auto ref = reference(*options, invocation);
        const auto artifact = artifacts::resolve(db, ref);
        ref.key = artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
        db.tag_artifact(ref, options->tag_name);
        invocation.output().show(
            {{"key", ref.key}, {"tag", options->tag_name}}, [&](std::ostream& out) {
                out << "Tagged " << ref.key << " as " << options->tag_name << "\n";
            });
    });
}

void add_artifacts_untag(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("artifact", options->name, "Artifact key or store:// URI")
        ->required()
        ->type_name("KEY|URI");
    command.add_option("old_tag", options->tag_name, "The tag to remove")
        ->required()
        ->type_name("TAG");
    add_selection(command, *options, invocation);
    command.callback([options, &invocation] {
        auto& db = invocation.run_db(store::Access::write);
        auto ref = reference(*options, invocation);
        ref.tag = options->tag_name;
        const auto artifact = artifacts::resolve(db, ref);
        const auto key =
            artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
        if (options->tag_name == "latest") {
            throw Error("'latest' always points at the newest version; it cannot be removed",
                        ErrorKind::usage);
        }
        const auto removed = db.untag_artifact(ref.project, key, options->tag_name);
        invocation.output().show(
            {{"key", key}, {"untagged", options->tag_name}, {"versions", removed}},
            [&](std::ostream& out) {
                out << "Removed tag " << options->tag_name << " from " << key << "\n";
            });
    });
}

void add_artifacts_delete(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("artifact", options->name, "KEY[#iter][:tag][@tree] or a store:// URI")
        ->required()
        ->type_name("KEY|URI");
    command.add_option("-t,--tag", options->tag, "The version to delete, by its tag")
        ->type_name("TAG");
    command.add_flag("--purge", options->purge,
                     "Also remove the data (local, inside the artifact path)");
    command
        .add_option("--artifact-path", options->artifact_path,
                    "The artifact path that --purge may remove data from")
        ->type_name("PATH");
    add_selection(command, *options, invocation);
    command.callback([options, &invocation] {
        auto& db = invocation.run_db(store::Access::write);
        auto ref = reference(*options, invocation);
        const auto artifact = artifacts::resolve(db, ref);
        ref.key = artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
        if (options->purge) {
            purge_data(artifact,
                       artifact_path_for(invocation, options->artifact_path, ref.project));
        }
        const auto deleted = db.delete_artifact(ref);
        invocation.output().show(
            {{"key", ref.key}, {"deleted", deleted}, {"purged", options->purge}},
            [&](std::ostream& out) {
                out << "Deleted artifact " << ref.key << (options->purge ? " and its data" : "")
                    << "\n";
            });
    });
}

}  // namespace mlrun::commands

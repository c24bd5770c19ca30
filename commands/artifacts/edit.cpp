// `mlrun artifacts tag|untag|delete`.

#include "cli/shared_options.hpp"
#include "commands/artifacts/artifacts.hpp"
#include "lib/artifacts/purge.hpp"
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
    artifacts::Selection selection;
    bool purge = false;
    std::string artifact_path;
};

void add_selection(CLI::App& command, Options& options, cli::Invocation& invocation,
                   const std::string& tag_help)
{
    command.add_option("-p,--project", options.project, "Project")->type_name("NAME");
    add_version_options(command, options.selection, tag_help);
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
}

store::ArtifactRef reference(const Options& options, cli::Invocation& invocation)
{
    return artifacts::parse_reference(options.name, invocation.project_or_default(options.project),
                                      options.selection);
}

// Every version of the db key `ref` names (a delete of the key alone removes them all).
std::vector<model::Artifact> every_version(store::RunDB& db, const store::ArtifactRef& ref)
{
    store::ArtifactFilter filter;
    filter.project = ref.project;
    filter.key = ref.key;
    auto versions = db.list_artifacts(filter);
    std::erase_if(versions, [&](const model::Artifact& version) {
        return (version.spec.db_key.empty() ? version.metadata.key : version.spec.db_key) !=
               ref.key;
    });
    return versions;
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
    add_selection(command, *options, invocation, "The version to tag, by its tag (default latest)");
    command.callback([options, &invocation] {
        auto& db = invocation.run_db();
        auto ref = reference(*options, invocation);
        const auto artifact = artifacts::resolve(db, ref);
        ref = artifacts::version_ref(artifact, ref.project);
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
    add_selection(command, *options, invocation, "");  // the tag is the one to remove
    command.callback([options, &invocation] {
        auto& db = invocation.run_db();
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
    command.add_flag("--purge", options->purge,
                     "Also remove the data (local, inside the artifact path)");
    command
        .add_option("--artifact-path", options->artifact_path,
                    "The artifact path that --purge may remove data from")
        ->type_name("PATH");
    add_selection(command, *options, invocation, "The version to delete, by its tag");
    command.callback([options, &invocation] {
        auto& db = invocation.run_db();
        auto ref = reference(*options, invocation);
        const bool one_version =
            !ref.tag.empty() || !ref.tree.empty() || !ref.uid.empty() || ref.iter.has_value();
        auto versions = one_version ? std::vector<model::Artifact>{} : every_version(db, ref);
        if (versions.empty()) {
            // One version, or a plain key of a run artifact: resolved (not found is an error).
            const auto artifact = artifacts::resolve(db, ref);
            ref.key = artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
            if (one_version) {
                ref = artifacts::version_ref(artifact, ref.project);  // that one, nothing else
                versions = {artifact};
            } else {
                versions = every_version(db, ref);
            }
        }
        std::optional<artifacts::PurgePlan> purge;
        if (options->purge) {
            // Planned before anything is deleted: a refusal leaves records and data alone.
            purge = artifacts::plan_purge(
                db, versions, artifact_path_for(invocation, options->artifact_path, ref.project));
        }
        const auto deleted = db.delete_artifact(ref);
        if (deleted == 0) {
            throw Error("artifact '" + ref.key + "' was deleted meanwhile; nothing deleted",
                        ErrorKind::not_found);
        }
        if (purge) {
            artifacts::apply_purge(*purge);
            for (const auto& kept : purge->kept) {
                invocation.logger().log(LogLevel::warning, "data kept: " + kept);
            }
        }
        invocation.output().show(
            {{"key", ref.key}, {"deleted", deleted}, {"purged", options->purge}},
            [&](std::ostream& out) {
                out << "Deleted artifact " << ref.key << (options->purge ? " and its data" : "")
                    << "\n";
            });
    });
}

}  // namespace mlrun::commands

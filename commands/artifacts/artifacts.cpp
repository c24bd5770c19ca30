// `mlrun artifacts VERB`, and the listing `mlrun get artifacts` shares.

#include "commands/artifacts/artifacts.hpp"

#include "cli/cells.hpp"
#include "cli/shared_options.hpp"
#include "commands/commands.hpp"
#include "lib/artifacts/resolve.hpp"
#include "lib/error.hpp"
#include "lib/launcher/artifact_path.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {
namespace {

struct ListOptions
{
    std::string project;
    std::string name;
    std::string tag;
    std::string kind;
    std::vector<std::string> labels;
    std::string tree;
    std::optional<std::int64_t> iter;
    bool best_iteration = false;
    std::size_t limit = 0;
};

struct GetOptions
{
    std::string name;
    std::string project;
    artifacts::Selection selection;
};

}  // namespace

void add_version_options(CLI::App& command, artifacts::Selection& selection,
                         const std::string& tag_help)
{
    if (!tag_help.empty()) {
        command.add_option("-t,--tag", selection.tag, tag_help)->type_name("TAG");
    }
    command.add_option("--iter", selection.iter, "Iteration")->type_name("N");
    command.add_option("--tree", selection.tree, "Producer: run uid or workflow id")
        ->type_name("ID");
    command
        .add_option("--uid", selection.uid,
                    "The version with this object uid (metadata.uid in 'artifacts list "
                    "--output json')")
        ->type_name("UID");
}

void show_artifact_list(cli::Invocation& invocation, store::ArtifactFilter filter)
{
    auto& db = invocation.run_db();
    filter.summary = !invocation.output().is_machine_readable();
    invocation.output().list(
        "artifacts",
        [&] {
            Json items = Json::array();
            db.for_each_artifact(filter, [&](const model::Artifact& artifact) {
                items.push_back(model::to_json(artifact));
            });
            return items;
        },
        [&] {
            cli::Table table{
                "", "key", "iter", "kind", "path", "hash", "updated", "uri", "job/workflow uid"};
            std::size_t index = 0;
            db.for_each_artifact(filter, [&](const model::Artifact& artifact) {
                table.add_row({std::to_string(index++), artifact.metadata.key,
                               std::to_string(artifact.metadata.iter), artifact.kind,
                               artifact.spec.target_path,
                               cli::cells::tail(artifact.metadata.hash, 6),
                               cli::cells::time(artifact.metadata.updated), artifact.store_uri(),
                               cli::cells::tail(artifact.metadata.tree, 8)});
            });
            return table;
        });
}

std::string artifact_path_for(cli::Invocation& invocation, const std::string& given,
                              const std::string& project)
{
    auto path = launcher::choose_artifact_path({given}, invocation.server_config());
    if (path.empty()) {
        path = (std::filesystem::current_path() / "artifacts").string();
    }
    path = launcher::fill_artifact_path(path, {{"run.project", project}, {"project", project}});
    if (launcher::has_artifact_path_template(path)) {
        throw Error("artifact path '" + path + "' has a template this command cannot fill",
                    ErrorKind::usage, "only {{project}} is known outside a run");
    }
    if (path.find("://") == std::string::npos) {
        path = std::filesystem::absolute(path).lexically_normal().string();
    }
    return path;
}

void add_artifacts_list(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<ListOptions>();
    command.add_option("-p,--project", options->project, "Project ('*' for all)")
        ->type_name("NAME");
    command.add_option("-n,--name,--key", options->name, "Artifact (db) key")->type_name("KEY");
    command.add_option("-t,--tag", options->tag, "Only versions with this tag")->type_name("TAG");
    command.add_option("-k,--kind", options->kind, "artifact, dataset, model, dir...")
        ->type_name("KIND");
    command.add_option("-l,--label", options->labels, "Label KEY or KEY=VALUE (repeatable)")
        ->type_name("LABEL");
    command.add_option("--tree,--producer", options->tree, "Producer: run uid or workflow id")
        ->type_name("ID");
    command.add_option("--iter", options->iter, "Hyper-parameter iteration")->type_name("N");
    command.add_flag("--best-iteration", options->best_iteration,
                     "Only the best iteration of each hyper-parameter run");
    command.add_option("--limit", options->limit, "At most N artifacts")
        ->type_name("N")
        ->check(cli::whole_number(0));
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] {
        if (options->best_iteration && options->iter) {
            throw Error("--best-iteration cannot be used with --iter", ErrorKind::usage);
        }
        store::ArtifactFilter filter;
        filter.project = invocation.project_or_default(options->project);
        filter.key = options->name;
        filter.tag = options->tag;
        filter.kind = options->kind == "file" ? "artifact" : options->kind;
        filter.labels = options->labels;
        filter.tree = options->tree;
        filter.iter = options->iter;
        filter.best_iteration = options->best_iteration;
        filter.limit = options->limit;
        show_artifact_list(invocation, filter);
    });
}

void add_artifacts_get(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<GetOptions>();
    command.add_option("artifact", options->name, "KEY[#iter][:tag][@tree] or a store:// URI")
        ->required()
        ->type_name("KEY|URI");
    command.add_option("-p,--project", options->project, "Project")->type_name("NAME");
    add_version_options(command, options->selection, "Tag (default latest)");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] {
        const auto ref = artifacts::parse_reference(
            options->name, invocation.project_or_default(options->project), options->selection);
        invocation.output().show(model::to_json(artifacts::resolve(invocation.run_db(), ref)));
    });
}

void add_artifacts(CLI::App& command, cli::Invocation& invocation)
{
    command.require_subcommand(1);
    add_artifacts_list(*command.add_subcommand("list", "List artifacts (MLRun's table)"),
                       invocation);
    add_artifacts_get(*command.add_subcommand("get", "Show one artifact"), invocation);
    add_artifacts_log(*command.add_subcommand(
                          "log", "Copy a file or folder into the artifact path and record it"),
                      invocation);
    add_artifacts_download(
        *command.add_subcommand("download", "Fetch an artifact's data, verifying its hash"),
        invocation);
    add_artifacts_tag(*command.add_subcommand("tag", "Point a tag at an artifact version"),
                      invocation);
    add_artifacts_untag(*command.add_subcommand("untag", "Remove a tag from an artifact"),
                        invocation);
    add_artifacts_delete(
        *command.add_subcommand("delete", "Delete an artifact (--purge: its data too)"),
        invocation);
}

}  // namespace mlrun::commands

// The command table: one row per command, in `mlrun --help` order.

#include "commands/commands.hpp"

namespace mlrun::commands {

std::span<const cli::CommandSpec> command_table()
{
    static constexpr cli::CommandSpec table[] = {
        {"run", "Run a function, script or command (here, or on an MLRun API) and track it",
         add_run},
        {"get", "List or show runs, artifacts, functions, projects and workflows", add_get},
        {"logs", "Print or follow a run's log", add_logs},
        {"project", "Load, create, show, validate and edit projects", add_project},
        {"function", "Describe a function from code, YAML, db:// or hub://", add_function},
        {"artifacts", "List, log, download, tag and delete artifacts", add_artifacts},
        {"build", "Build a function's container image (podman/buildah/docker, or an MLRun API)",
         add_build},
        {"deploy", "Deploy a Nuclio or serving function through an MLRun API", add_deploy},
        {"sync", "Copy runs, logs, functions and artifacts between the local store and an API",
         add_sync},
        {"serve", "Serve the MLRun API from the local store (no Kubernetes)", add_serve},
        {"config", "Show, set or clear the client configuration (.env file)", add_config},
        {"version", "Print the version of this tool and the MLRun release it targets", add_version},
        {"runs", "List, show, delete, compare, export and import runs", add_runs},
        {"completion", "Print a shell completion script (bash, zsh or fish)", add_completion},
    };
    return table;
}

}  // namespace mlrun::commands

// `mlrun artifacts`: list, get, log, download, tag, untag, delete.
#pragma once

#include <vector>

#include <CLI/CLI.hpp>

#include "cli/invocation.hpp"
#include "lib/artifacts/resolve.hpp"
#include "lib/model/artifact.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::commands {

void add_artifacts_list(CLI::App& command, cli::Invocation& invocation);
void add_artifacts_get(CLI::App& command, cli::Invocation& invocation);
void add_artifacts_log(CLI::App& command, cli::Invocation& invocation);
void add_artifacts_download(CLI::App& command, cli::Invocation& invocation);
void add_artifacts_tag(CLI::App& command, cli::Invocation& invocation);
void add_artifacts_untag(CLI::App& command, cli::Invocation& invocation);
void add_artifacts_delete(CLI::App& command, cli::Invocation& invocation);

// The options that name one version beside the key: --iter, --tree, --uid, and -t/--tag
// described as `tag_help` (each command says what its tag selects; none when empty).
void add_version_options(CLI::App& command, artifacts::Selection& selection,
                         const std::string& tag_help);

// MLRun's artifacts table (`mlrun get artifacts`), or {"artifacts": [...]} for scripts, of the
// artifacts `filter` selects, streamed from the store (only the table's cells are kept).
void show_artifact_list(cli::Invocation& invocation, store::ArtifactFilter filter);

// The artifact path logged files go to: --artifact-path, else the configured artifact_path,
// else ./artifacts; {{project}} and {{run.project}} filled in.
std::string artifact_path_for(cli::Invocation& invocation, const std::string& given,
                              const std::string& project);

}  // namespace mlrun::commands

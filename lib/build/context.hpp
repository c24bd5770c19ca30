// The build context of a plan: a folder with the Dockerfile, requirements.txt and the source
// under source/ (copied from a folder, extracted from an archive with the safe extractor, or
// cloned with libgit2), which any of podman, buildah or docker builds as is; and its .tar.gz.
#pragma once

#include <cstddef>
#include <filesystem>

#include "lib/build/plan.hpp"
#include "lib/config/environment.hpp"

namespace mlrun::build {

struct ContextSummary
{
    std::size_t files = 0;  // regular files written, Dockerfile included
};

// Writes the context into `directory` (created; must be empty or missing). Git credentials come
// from `environment` as for project sources. Throws Error(failed) for a remote-only source
// (s3://, v3io://...: the MLRun API's builder fetches those), Error(not_found) for a missing
// local one; what was written is then left for the caller to remove.
ContextSummary write_context(const BuildPlan& plan, const std::filesystem::path& directory,
                             const config::Environment& environment);

}  // namespace mlrun::build

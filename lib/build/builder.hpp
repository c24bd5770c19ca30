// Local image builders: podman, buildah or docker, whichever is installed (in that order), or
// the one asked for; and the command line each takes to build a context.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lib/build/plan.hpp"

namespace mlrun::build {

struct Builder
{
    std::string name;  // podman | buildah | docker
    std::filesystem::path program;
};

inline constexpr const char* builder_names[] = {"podman", "buildah", "docker"};

// The builder named `preferred` (empty: the first installed) found on `path_variable`, or
// std::nullopt. Throws Error(usage) for a name that is not one of builder_names.
std::optional<Builder> find_builder(const std::string& preferred, const std::string& path_variable);

// `podman build -t IMAGE [--build-arg K=V]... [--label ...] CONTEXT` and the like.
std::vector<std::string> build_command(const Builder& builder, const BuildPlan& plan,
                                       const std::filesystem::path& context);

// The command that succeeds when `image` already exists in the builder's local storage.
std::vector<std::string> image_exists_command(const Builder& builder, const std::string& image);

}  // namespace mlrun::build

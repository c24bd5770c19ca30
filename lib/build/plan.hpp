// What building a function's image means, as MLRun's builder decides it (project-yaml.md
// §9.3, cli.md §6): the base image, requirements (with the MLRun package pinned when asked),
// commands, the source copied in, env, labels and build arguments; and the Dockerfile that
// says it (rendered from templates/build/Dockerfile.in).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "lib/model/function.hpp"

namespace mlrun::build {

enum class SourceKind
{
    none,
    directory,  // a local folder ('.' / './' is the project context)
    archive,    // a local .tar.gz / .tgz / .tar / .zip, or one at an http(s) URL
    git,        // git://host/org/repo.git[#ref], or an https/ssh repository ending .git
    remote,     // s3://, v3io://... : fetched by an MLRun API's builder only
};

struct Source
{
    SourceKind kind = SourceKind::none;
    std::string location;  // path (absolute) or URL
};

struct BuildSettings
{
    bool with_mlrun = false;      // --with-mlrun (or spec.build.with_mlrun)
    std::string mlrun_version;    // the MLRun version targeted ("1.7.0")
    std::string mlrun_specifier;  // httpdb.builder.mlrun_version_specifier; overrides
    std::string package_path = "mlrun";
    std::string pip_version = "~=23.0";  // httpdb.builder.pip_version
    std::string default_base_image = "mlrun/mlrun";
    std::string docker_registry;  // httpdb.builder.docker_registry: what a leading '.' means
    std::filesystem::path context = ".";  // the project folder, for '.' sources
};

struct BuildPlan
{
    std::string project;
    std::string name;
    std::string tag;
    std::string base_image;  // enriched (mlrun/* images get the targeted version's tag)
    std::string image;       // the target image
    std::vector<std::string> requirements;
    std::vector<std::string> commands;
    Source source;
    std::string workdir = "/mlrun";  // where the source goes in the image
    std::string extra;               // raw Dockerfile lines
    std::vector<std::pair<std::string, std::string>> env;
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> build_args;  // builder_env and --build-arg of extra_args
    std::vector<std::string> notes;  // what was left out and why (secret env values...)
    bool with_mlrun = false;         // asked for (--with-mlrun or spec.build.with_mlrun)

    // MLRun's rule: no source, commands, requirements or extra, and mlrun not asked for: the
    // base image is the image. Asked for, it is built even when the base already has mlrun.
    bool needs_build() const;
};

// Throws Error(usage) for a source MLRun refuses ("source (<s>) must be a compressed (tar.gz /
// zip) file, a git repo, a file path or in the project's context (.)") or a requirements entry
// of the wrong shape.
BuildPlan plan_build(const model::Function& function, const BuildSettings& settings);

// The Dockerfile of the plan; a source is expected under `source/` and requirements in
// `requirements.txt` of the build context.
std::string render_dockerfile(const BuildPlan& plan);

// `.mlrun/func-<project>-<name>:<tag|latest>` resolved: a leading '.' becomes the configured
// registry, or is dropped when none is configured (a local image name).
std::string resolve_image_name(const std::string& image, const std::string& registry);

}  // namespace mlrun::build

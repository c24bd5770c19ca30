// Editing a project as MLRun's set_function / set_workflow / set_artifact / set_param /
// set_source do (project-yaml.md §3-5); the caller writes the project back.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "lib/json.hpp"
#include "lib/model/project.hpp"
#include "lib/project/function_builder.hpp"

namespace mlrun::project {

struct SetFunctionRequest
{
    std::string url;   // .py / .ipynb / function YAML path, file://, http(s)://, db://, hub://
    std::string name;  // default: the function's name; `name:tag` sets the tag too
    std::string kind;
    std::string image;
    std::string handler;
    std::string tag;
    std::vector<std::string> requirements;
    std::string requirements_file;
    bool with_repo = false;
};

// Builds the function (so that a broken reference fails now, not at run time), then adds or
// replaces the project's entry of that name. Local paths are written relative to the project's
// code path. Returns the function as it resolves.
model::Function set_function(model::Project& project, const std::filesystem::path& context,
                             const SetFunctionRequest& request, const FunctionTools& tools);

struct SetWorkflowRequest
{
    std::string name;
    std::string path;  // the workflow .py file
    bool embed = false;
    std::string engine;
    std::string handler;
    std::string schedule;
    std::string image;
    Json args = Json::object();
};

void set_workflow(model::Project& project, const std::filesystem::path& context,
                  const SetWorkflowRequest& request);

struct SetArtifactRequest
{
    std::string key;
    std::string target_path;  // must be a URL (s3://, v3io://, ...)
    std::string import_from;  // an artifact export file, instead of target_path
    std::string tag;
};

void set_artifact(model::Project& project, const std::filesystem::path& context,
                  const SetArtifactRequest& request);

// MLRun's set_source: git://, an archive URL or path, or ./ (the project folder).
void set_source(model::Project& project, const std::string& source, bool pull_at_runtime,
                const std::string& workdir);

// A path given on the command line as the project file should hold it: relative to the code
// path when it is inside it, else absolute.
std::string project_relative(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace mlrun::project

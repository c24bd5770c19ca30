// `mlrun project create`: a new project folder from a built-in template (project-yaml.md §7).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "lib/json.hpp"
#include "lib/model/project.hpp"

namespace mlrun::project {

struct CreateRequest
{
    std::string name;
    std::filesystem::path context;  // created when missing
    std::string template_name = "empty";
    std::string description;
    std::string artifact_path;
    Json params = Json::object();
    bool init_git = false;
    bool overwrite = false;  // replace files of the template that already exist
};

struct CreateResult
{
    model::Project project;
    std::filesystem::path file;                // the project.yaml written
    std::vector<std::filesystem::path> files;  // every file written, project.yaml included
    bool initialised_git = false;
};

// Throws Error(usage) for a malformed name or when a file of the template (or a project file)
// already exists and `overwrite` is false; nothing is written then.
CreateResult create_project(const CreateRequest& request);

}  // namespace mlrun::project

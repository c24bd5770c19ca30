// A project's folder: finding and reading its project.yaml (project-yaml.md §6.2), where its
// code lives, and writing the file back.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "lib/model/project.hpp"

namespace mlrun::project {

// `project.yaml`, else `project.yml`, in `directory`; std::nullopt when neither exists.
std::optional<std::filesystem::path> find_project_file(const std::filesystem::path& directory);

// `<context>/<workdir or subpath>`: where relative function and workflow paths point.
std::filesystem::path code_path(const model::Project& project,
                                const std::filesystem::path& context);

struct DirectoryProject
{
    model::Project project;
    std::filesystem::path file;  // the project.yaml read, or the function.yaml it was made from
    bool from_function = false;  // made from a lone function.yaml (MLRun's fallback)
    bool setup_only = false;     // only a project_setup.py was there
};

// Reads `<context>/<subpath>` as MLRun does: project.y*ml; else function.y*ml, as a project
// named by the function's `metadata.project` with that one function; else an empty project when
// project_setup.py exists. Throws Error(not_found) when none is there.
DirectoryProject read_project_directory(const std::filesystem::path& context,
                                        const std::string& subpath = {});

// Where save_project writes for a project in `context`: the project file already there, else
// `<context>/<subpath>/project.yaml`.
std::filesystem::path project_file_for(const model::Project& project,
                                       const std::filesystem::path& context);

// Writes the project as YAML in MLRun's shape (atomically; folders created). A file already
// there is rewritten only when the project's content differs from what it holds (returns
// false when nothing was written), and then only what changed is changed: its keys keep their
// order, what the model leaves out (empty lists, unknown keys) and what did not change keep
// their values and types.
bool save_project(const model::Project& project, const std::filesystem::path& file);

// The document to write over `original` (the file's YAML as parsed) when the model's view of
// it, `before`, became `after`: `original` with the changes from `before` to `after` applied.
Json merge_project_document(const Json& original, const Json& before, const Json& after);

}  // namespace mlrun::project

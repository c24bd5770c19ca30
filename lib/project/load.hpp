// Loading a project as `mlrun project` and `mlrun project load` do (project-yaml.md §6): from
// its folder, a project YAML file, a git clone, an archive or the run store.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lib/config/environment.hpp"
#include "lib/json.hpp"
#include "lib/model/project.hpp"
#include "lib/project/source.hpp"

namespace mlrun::store {
class RunDB;
}

namespace mlrun::project {

struct LoadRequest
{
    std::filesystem::path context;        // the project folder (created when missing)
    std::optional<ProjectSource> source;  // none: read `context` as it is
    std::string name;                     // overrides the name in the YAML (with a warning)
    std::string subpath;
    bool init_git = false;             // `git init` a context that is not a repository
    bool clone = false;                // empty the context before cloning or extracting into it
    bool allow_dirty = false;          // accept uncommitted changes in a git context
    Json parameters = Json::object();  // merged into spec.params
    config::Environment environment;   // git credentials
};

struct LoadResult
{
    model::Project project;
    std::filesystem::path context;
    std::filesystem::path file;  // the file the project was read from (may be a function.yaml)
    std::string commit;          // HEAD of the context's git repository, when it is one
    std::string branch;
    bool dirty = false;
    std::vector<std::string> warnings;  // for the log
};

// Throws Error: not_found (missing source, unknown project in the store, no project file),
// usage (bad name, hostile archive or clone, dirty tree without allow_dirty), unreachable.
// `db` is needed only for db:// sources.
LoadResult load_project(const LoadRequest& request, store::RunDB* db);

}  // namespace mlrun::project

// Turning a project's function entries, code files and function URLs into function objects, as
// MLRun's `code_to_function`, `import_function` and project sync do (project-yaml.md §3.2).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lib/config/environment.hpp"
#include "lib/json.hpp"
#include "lib/model/function.hpp"
#include "lib/model/project.hpp"
#include "lib/model/uri.hpp"

namespace mlrun::store {
class RunDB;
}

namespace mlrun::project {

// What resolving functions may need; each part is optional.
struct FunctionTools
{
    config::Environment environment;
    std::filesystem::path funcdoc_script;  // describes handlers; empty: entry_points not set
    std::function<store::RunDB*()> db;     // for db:// URLs: the store, opened when first used
    std::string default_project;           // db:// URLs without a project
    Json hub_source = Json::object();      // config `hub.default_source`
};

struct CodeOptions
{
    std::string name;  // default: the file's stem
    std::string kind;  // default: job
    std::string image;
    std::string handler;
    std::string tag;
    std::vector<std::string> requirements;
    std::string requirements_file;  // read, relative to the working directory
};

// A function whose code is `file`, embedded (base64 in `spec.build.functionSourceCode`) with its
// handlers described in `spec.entry_points`. A `handler` that is not a top-level function of the
// file throws Error(usage).
model::Function code_to_function(const std::filesystem::path& file, const CodeOptions& options,
                                 const FunctionTools& tools);

// A function YAML named by a path (relative to `base`), file:// or http(s):// URL, db:// (the
// run store) or hub:// (the configured hub source, a URL or a local folder).
model::Function import_function(const std::string& url, const std::filesystem::path& base,
                                const FunctionTools& tools);

// The function.yaml URL of a hub item: <url>/<object_type>/<channel>/<name, - as _>/<tag>/src/.
std::string hub_function_url(const model::HubUri& uri, const Json& hub_source);

// The function a project entry stands for, its code read from the project's code path.
model::Function function_from_entry(const model::FunctionEntry& entry,
                                    const model::Project& project,
                                    const std::filesystem::path& context,
                                    const FunctionTools& tools);

// MLRun's requirement list cleaning: blank lines, comment lines and inline ` #` comments go.
std::vector<std::string> clean_requirements(const std::vector<std::string>& lines);

// Whether `handler` names a module function (`pkg.module.func`) rather than one in the file.
bool is_module_handler(const std::string& handler, const std::string& kind);

}  // namespace mlrun::project

// An MLRun project (project.yaml, project-yaml.md §2-5): typed fields for what the tool uses,
// every other field kept verbatim in `extra` and written back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lib/json.hpp"

namespace mlrun::model {

// One `spec.functions[]` entry: a reference (url/kind/handler...) or an embedded function
// (`spec` holds the whole function dict).
struct FunctionEntry
{
    std::string name;
    std::string url;
    std::string kind;
    std::string image;
    std::string handler;
    std::string tag;
    std::string requirements_file;
    std::optional<bool> with_repo;
    std::vector<std::string> requirements;
    Json spec;  // null unless embedded
    Json extra = Json::object();
};

struct WorkflowEntry
{
    std::string name;
    std::string path;
    std::string code;
    std::string engine;
    std::string handler;
    std::string schedule;
    std::string image;
    Json args = Json::object();
    Json args_schema = Json::array();
    Json extra = Json::object();
};

struct Project
{
    struct Metadata
    {
        std::string name;
        std::string created;
        Json labels = Json::object();
        Json annotations = Json::object();
        Json extra = Json::object();
    };
    struct Spec
    {
        std::string description;
        Json params = Json::object();
        std::vector<FunctionEntry> functions;
        std::vector<WorkflowEntry> workflows;
        Json artifacts = Json::array();
        std::string artifact_path;
        std::string source;
        std::string subpath;
        std::string origin_url;
        std::string goals;
        std::optional<bool> load_source_on_run;
        std::vector<std::string> default_requirements;
        std::string desired_state;
        std::string owner;
        std::string workdir;
        std::string default_image;
        Json build = Json::object();
        Json extra = Json::object();
    };
    struct Status
    {
        std::string state;
        Json extra = Json::object();
    };

    Metadata metadata;
    Spec spec;
    Status status;
    Json extra = Json::object();  // unknown top-level keys
    bool legacy_format = false;   // read from the pre-`kind` layout (written back in the new one)

    // The function entry named `name` (normalised as MLRun does), or nullptr.
    const FunctionEntry* find_function(std::string_view name) const;
};

// Throws Error(usage) naming the field for a value of the wrong shape.
Project project_from_json(const Json& data);
Json to_json(const Project& project);

// MLRun's name normalisation for functions: whitespace and `_` become `-`, lower case.
std::string normalize_name(std::string_view name);

// Project names are DNS-1123 labels; returns the error text, or empty when valid.
// Whether `name` can name a project: ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, at most 63 characters.
bool is_project_name(std::string_view name);
std::string project_name_error(std::string_view name);

}  // namespace mlrun::model

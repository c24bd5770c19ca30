// An MLRun function (function.yaml, project-yaml.md §9): typed fields for what the tool uses,
// every other field (Kubernetes, Nuclio, serving...) kept verbatim and written back.
#pragma once

#include <optional>
#include <string>

#include "lib/json.hpp"

namespace mlrun::model {

struct Function
{
    struct Metadata
    {
        std::string name;
        std::string tag;
        std::string hash;
        std::string project;
        Json labels = Json::object();
        Json annotations = Json::object();
        Json categories = Json::array();
        Json extra = Json::object();
    };
    struct Spec
    {
        std::string command;
        Json args = Json::array();
        std::string image;
        std::string mode;
        std::string description;
        std::string default_handler;
        std::string workdir;
        std::string pythonpath;
        Json build = Json::object();  // ImageBuilder (§9.3)
        Json entry_points = Json::object();
        Json env = Json::array();  // as written: a list, or a name -> value mapping
        Json extra = Json::object();
    };

    std::string kind;  // "" when the file had none; see effective_kind()
    Metadata metadata;
    Spec spec;
    Json status = Json::object();
    std::optional<bool> verbose;
    Json extra = Json::object();

    // MLRun's import default: a function without a kind is a `job`.
    std::string effective_kind() const { return kind.empty() ? "job" : kind; }
    // spec.env as MLRun's list of {name, value | valueFrom}: MLRun also loads a name -> value
    // mapping (kept as written in spec.env), which is listed here in its order.
    Json env_list() const;
};

inline constexpr const char* runtime_kinds[] = {"remote", "nuclio",     "serving",      "dask",
                                                "job",    "spark",      "remote-spark", "mpijob",
                                                "local",  "databricks", "application",  "handler"};

bool is_runtime_kind(std::string_view kind);

// Throws Error(usage) naming the field for a value of the wrong shape.
Function function_from_json(const Json& data);
Json to_json(const Function& function);

}  // namespace mlrun::model

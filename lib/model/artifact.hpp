// An MLRun artifact object (runs-and-artifacts.md §8.2): key, tree, iteration, tag, hash and
// target; kind-specific fields (dataset, model...) kept verbatim.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lib/json.hpp"

namespace mlrun::model {

struct Artifact
{
    struct Metadata
    {
        std::string key;
        std::string project;
        std::int64_t iter = 0;
        std::string tree;
        std::string tag;
        std::string hash;
        std::string description;
        std::string uid;
        std::string updated;
        Json labels = Json::object();
        Json extra = Json::object();
    };
    struct Spec
    {
        std::string target_path;
        std::string src_path;
        std::string format;
        std::optional<std::int64_t> size;
        std::string db_key;
        std::string viewer;
        Json inline_body;  // `inline`: the body stored in the object, null when none
        Json extra_data = Json::object();
        Json producer = Json::object();
        Json extra = Json::object();
    };

    std::string kind = "artifact";
    Metadata metadata;
    Spec spec;
    std::string state = "created";
    Json status_extra = Json::object();
    Json extra = Json::object();

    // `artifacts`, `datasets` or `models`: the store:// prefix of this kind.
    std::string store_prefix() const;
    // `store://<prefix>/<project>/<db_key>#<iter>[:<tag>][@<tree>]` (§8.4).
    std::string store_uri() const;
};

Artifact artifact_from_json(const Json& data);
Json to_json(const Artifact& artifact);

// Adds the keys MLRun's client always sends when it stores an artifact it logged (golden rest:
// spec.license, empty); a run's own status.artifacts does not carry them.
void add_stored_keys(Artifact& artifact);

bool is_artifact_kind(std::string_view kind);

}  // namespace mlrun::model

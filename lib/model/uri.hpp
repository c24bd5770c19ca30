// The URIs that name MLRun objects: `db://` functions, `store://` artifacts, `hub://` functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlrun::model {

// `db://[<project>/]<name>[:<tag>]` or `db://[<project>/]<name>@<hash>` (cli.md §2.3).
struct DbUri
{
    std::string project;  // empty: the default project
    std::string name;
    std::string tag;
    std::string hash;

    std::string to_string() const;
};

// `store://[<prefix>/][<project>/]<key>[#<iter>][:<tag>][@<tree>]` (runs-and-artifacts.md §8.4).
struct StoreUri
{
    std::string prefix =
        "artifacts";      // artifacts | datasets | models | feature-sets | feature-vectors
    std::string project;  // empty: the default project
    std::string key;
    std::optional<std::int64_t> iter;
    std::string tag;
    std::string tree;

    std::string to_string() const;
};

// `hub://[<source>/]<name>[:<tag>]`.
struct HubUri
{
    std::string source;  // empty: the default hub source
    std::string name;
    std::string tag;  // empty: latest

    std::string to_string() const;
};

// Each parse_* throws Error(usage) with the grammar for text that is not of that form.
DbUri parse_db_uri(std::string_view text);
StoreUri parse_store_uri(std::string_view text);
HubUri parse_hub_uri(std::string_view text);

}  // namespace mlrun::model

// Reading an MLRun YAML or JSON file whose kind is not known up front: a project, a function,
// a run, an artifact or a function-hub item.
#pragma once

#include <filesystem>
#include <string>
#include <variant>

#include "lib/json.hpp"
#include "lib/model/artifact.hpp"
#include "lib/model/function.hpp"
#include "lib/model/project.hpp"
#include "lib/model/run.hpp"

namespace mlrun::model {

enum class DocumentKind
{
    project,
    function,
    run,
    artifact,
    hub_item,
};

std::string_view to_string(DocumentKind kind);

// Classifies parsed content; throws Error(usage) when it is none of the known kinds.
DocumentKind classify(const Json& data);

// A function-hub item.yaml, kept as parsed (the tool only reads its name/version/spec).
struct HubItem
{
    Json data;
};

using Object = std::variant<Project, Function, Run, Artifact, HubItem>;

struct Document
{
    std::string source;  // the path it was read from, for messages
    DocumentKind kind;
    Object object;
};

// Parses `text` (YAML, which includes JSON) and loads it through the model. Errors name
// `source`: syntax errors with line and column, empty files, wrong field shapes.
Document parse_document(std::string_view text, const std::string& source);
Document read_document(const std::filesystem::path& path);

// The same, when the caller knows what it expects.
Project read_project(const std::filesystem::path& path);
Function read_function(const std::filesystem::path& path);

}  // namespace mlrun::model

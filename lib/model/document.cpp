// Reading an MLRun file whose kind is not known up front.

#include "lib/model/document.hpp"

#include "lib/error.hpp"
#include "lib/util/files.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::model {
namespace {

std::string kind_of(const Json& data)
{
    const auto found = data.find("kind");
    if (found == data.end() || !found->is_string()) {
        return {};
    }
    return found->get<std::string>();
}

// Loading errors from the model name the field; prefix the file so the user knows where.
template <typename Load> auto with_source(const std::string& source, Load load)
{
    try {
        return load();
    } catch (const Error& error) {
        throw Error(source + ": " + error.what(), error.kind(), error.hint());
    }
}

}  // namespace

std::string_view to_string(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::project: return "project";
    case DocumentKind::function: return "function";
    case DocumentKind::run: return "run";
    case DocumentKind::artifact: return "artifact";
    case DocumentKind::hub_item: return "hub item";
    }
    return "unknown";
}

DocumentKind classify(const Json& data)
{
    if (!data.is_object()) {
        throw Error("expected a mapping at the top level", ErrorKind::usage);
    }
    const auto kind = kind_of(data);
    if (data.contains("apiVersion") && !data.contains("metadata")) {
        return DocumentKind::hub_item;
    }
    if (kind == "project") {
        return DocumentKind::project;
    }
    if (kind == "run") {
        return DocumentKind::run;
    }
    if (is_artifact_kind(kind)) {
        return DocumentKind::artifact;
    }
    if (is_runtime_kind(kind) || (data.contains("kind") && kind.empty())) {
        return DocumentKind::function;
    }
    if (!data.contains("kind")) {
        if (!data.contains("metadata") && !data.contains("spec")) {
            return DocumentKind::project;  // the legacy layout: name/functions/workflows on top
        }
        const auto metadata = data.find("metadata");
        if (metadata != data.end() && metadata->is_object() && metadata->contains("uid")) {
            return DocumentKind::run;
        }
        if (metadata != data.end() && metadata->is_object() && metadata->contains("key")) {
            return DocumentKind::artifact;
        }
        return DocumentKind::function;  // import_function's default kind is job
    }
    throw Error("unknown kind '" + kind + "'", ErrorKind::usage,
                "expected a project, a function, a run or an artifact");
}

Document parse_document(std::string_view text, const std::string& source)
{
    const auto data = yaml::parse(text, source);
    if (data.is_null()) {
        throw Error(source + ": the file is empty (no YAML document)", ErrorKind::usage,
                    "expected an MLRun project, function, run or artifact");
    }
    return with_source(source, [&] {
        const auto kind = classify(data);
        switch (kind) {
        case DocumentKind::project: return Document{source, kind, project_from_json(data)};
        case DocumentKind::function: return Document{source, kind, function_from_json(data)};
        case DocumentKind::run: return Document{source, kind, run_from_json(data)};
        case DocumentKind::artifact: return Document{source, kind, artifact_from_json(data)};
        case DocumentKind::hub_item: return Document{source, kind, HubItem{data}};
        }
        throw std::logic_error("unhandled document kind");
    });
}

Document read_document(const std::filesystem::path& path)
{
    return parse_document(util::read_file(path), path.string());
}

Project read_project(const std::filesystem::path& path)
{
    auto document = read_document(path);
    if (document.kind != DocumentKind::project) {
        throw Error(path.string() + ": expected a project, found a " +
                        std::string{to_string(document.kind)},
                    ErrorKind::usage);
    }
    return std::get<Project>(std::move(document.object));
}

Function read_function(const std::filesystem::path& path)
{
    auto document = read_document(path);
    if (document.kind != DocumentKind::function) {
        throw Error(path.string() + ": expected a function, found a " +
                        std::string{to_string(document.kind)},
                    ErrorKind::usage);
    }
    return std::get<Function>(std::move(document.object));
}

}  // namespace mlrun::model

// Editing a project's functions, workflows, artifacts and source.

#include "lib/project/edit.hpp"

#include <regex>
#include <set>

#include "lib/archive/extract.hpp"
#include "lib/error.hpp"
#include "lib/project/directory.hpp"
#include "lib/util/files.hpp"
#include "lib/util/paths.hpp"

namespace mlrun::project {
namespace {

bool is_url(const std::string& text)
{
    return text.find("://") != std::string::npos;
}

// The entry index whose name (normalised, with tag) matches, or the size.
std::size_t function_index(const model::Project& project, const std::string& name,
                           const std::string& tag)
{
    const auto wanted = model::normalize_name(name);
    for (std::size_t i = 0; i < project.spec.functions.size(); ++i) {
        const auto& entry = project.spec.functions[i];
        if (model::normalize_name(entry.name) == wanted && entry.tag == tag) {
            return i;
        }
    }
    return project.spec.functions.size();
}

}  // namespace

std::string project_relative(const std::filesystem::path& path, const std::filesystem::path& base)
{
    const auto absolute = std::filesystem::absolute(path).lexically_normal();
    const auto root = std::filesystem::absolute(base).lexically_normal();
    const auto relative = absolute.lexically_relative(root);
    if (!relative.empty() && *relative.begin() != "..") {
        return relative.string();
    }
    return absolute.string();
}

model::Function set_function(model::Project& project, const std::filesystem::path& context,
                             const SetFunctionRequest& request, const FunctionTools& tools)
{
    auto name = request.name;
    auto tag = request.tag;
    if (const auto colon = name.find(':'); colon != std::string::npos) {
        const auto name_tag = name.substr(colon + 1);
        if (!tag.empty() && tag != name_tag) {
            throw Error("Tag parameter (" + tag + ") and tag in function name (" + name_tag +
                            ") must match",
                        ErrorKind::usage);
        }
        tag = name_tag;
        name.erase(colon);
    }
    const auto base = code_path(project, context);
    model::FunctionEntry entry;
    entry.url = request.url;
    if (!request.url.empty() && !is_url(request.url)) {
        if (!std::filesystem::exists(request.url)) {
            throw Error("file '" + request.url + "' does not exist", ErrorKind::not_found);
        }
        entry.url = project_relative(request.url, base);
    }
    entry.kind = request.kind.empty() ? "job" : request.kind;
    entry.image = request.image;
    entry.handler = request.handler;
    entry.tag = tag;
    entry.requirements = request.requirements;
    entry.requirements_file = request.requirements_file;
    if (request.with_repo) {
        entry.with_repo = true;
    }
    const bool imported = entry.url.ends_with(".yaml") || entry.url.ends_with(".yml") ||
                          entry.url.starts_with("db://") || entry.url.starts_with("hub://");
    if (imported && request.kind.empty()) {
        entry.kind.clear();  // the function file's own kind applies
    }
    entry.name = name;
    if (name.empty()) {
        if (imported) {
            // The function's own name, as MLRun's set_function takes it (an entry without a
            // name keeps the imported function's metadata.name); else the file or hub name.
            entry.name = function_from_entry(entry, project, context, tools).metadata.name;
        }
        if (entry.name.empty() && !entry.url.empty()) {
            auto last = entry.url.substr(entry.url.find_last_of("/:") == std::string::npos
                                             ? 0
                                             : entry.url.find_last_of("/:") + 1);
            entry.name = std::filesystem::path{last}.stem().string();
        }
        if (entry.name.empty()) {
            throw Error("the function needs a name (--name)", ErrorKind::usage);
        }
    }
    entry.name = model::normalize_name(entry.name);
    if (!request.requirements_file.empty()) {
        if (!std::filesystem::is_regular_file(request.requirements_file)) {
            throw Error("requirements file '" + request.requirements_file + "' does not exist",
                        ErrorKind::not_found);
        }
        entry.requirements_file = project_relative(request.requirements_file, base);
    }
    auto function = function_from_entry(entry, project, context, tools);
    const auto index = function_index(project, entry.name, entry.tag);
    if (index < project.spec.functions.size()) {
        entry.extra = project.spec.functions[index].extra;  // keep what we do not model
        project.spec.functions[index] = std::move(entry);
    } else {
        project.spec.functions.push_back(std::move(entry));
    }
    return function;
}

void set_workflow(model::Project& project, const std::filesystem::path& context,
                  const SetWorkflowRequest& request)
{
    if (request.name.empty()) {
        throw Error("workflow \"name\" must be specified", ErrorKind::usage);
    }
    if (!is_url(request.path) && !std::filesystem::is_regular_file(request.path)) {
        throw Error("Invalid 'workflow_path': '" + request.path +
                        "'. Got a path to a non-existing file",
                    ErrorKind::not_found);
    }
    static const std::set<std::string> engines = {"",       "kfp",          "local",
                                                  "remote", "remote:local", "remote:kfp"};
    if (!engines.contains(request.engine)) {
        throw Error("unknown workflow engine '" + request.engine +
                        "' (known: kfp, local, remote, remote:local, remote:kfp)",
                    ErrorKind::usage);
    }
    if (request.engine == "local" && !request.schedule.empty()) {
        throw Error("a workflow with the local engine cannot be scheduled", ErrorKind::usage);
    }
    model::WorkflowEntry entry;
    entry.name = request.name;
    if (request.embed) {
        entry.code = util::read_file(request.path);
    } else {
        entry.path = is_url(request.path)
                         ? request.path
                         : project_relative(request.path, code_path(project, context));
    }
    entry.engine = request.engine;
    entry.handler = request.handler;
    entry.schedule = request.schedule;
    entry.image = request.image;
    entry.args = request.args;
    for (auto& existing : project.spec.workflows) {
        if (existing.name == request.name) {
            entry.args_schema = existing.args_schema;
            entry.extra = existing.extra;
            existing = std::move(entry);
            return;
        }
    }
    project.spec.workflows.push_back(std::move(entry));
}

void set_artifact(model::Project& project, const std::filesystem::path& context,
                  const SetArtifactRequest& request)
{
    static const std::regex key_pattern{"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"};
    if (!std::regex_match(request.key, key_pattern)) {
        throw Error("artifact key '" + request.key + "' is malformed", ErrorKind::usage,
                    "letters, digits, '-', '_' and '.', starting and ending with a letter or "
                    "digit");
    }
    Json artifact;
    if (!request.import_from.empty()) {
        if (!is_url(request.import_from) && !std::filesystem::exists(request.import_from)) {
            throw Error("artifact file '" + request.import_from + "' does not exist",
                        ErrorKind::not_found);
        }
        artifact = Json::object();
        artifact["import_from"] =
            is_url(request.import_from)
                ? request.import_from
                : project_relative(request.import_from, code_path(project, context));
        artifact["key"] = request.key;
        if (!request.tag.empty()) {
            artifact["tag"] = request.tag;
        }
    } else {
        if (!is_url(request.target_path)) {
            throw Error("target_path url must point to a shared/object storage path",
                        ErrorKind::usage, "for example s3://bucket/path or v3io:///projects/...");
        }
        artifact = Json::object();
        artifact["kind"] = "artifact";
        artifact["metadata"] = Json::object();
        artifact["metadata"]["key"] = request.key;
        artifact["metadata"]["project"] = project.metadata.name;
        if (!request.tag.empty()) {
            artifact["metadata"]["tag"] = request.tag;
        }
        artifact["spec"] = Json::object();
        artifact["spec"]["target_path"] = request.target_path;
        artifact["status"] = Json::object();
        artifact["status"]["state"] = "created";
    }
    auto& artifacts = project.spec.artifacts;
    for (auto& existing : artifacts) {
        const auto metadata = existing.find("metadata");
        const bool same =
            (metadata != existing.end() && metadata->is_object() &&
             metadata->value("key", std::string{}) == request.key) ||
            (existing.is_object() && existing.value("key", std::string{}) == request.key);
        if (same) {
            existing = std::move(artifact);
            return;
        }
    }
    artifacts.push_back(std::move(artifact));
}

void set_source(model::Project& project, const std::string& source, bool pull_at_runtime,
                const std::string& workdir)
{
    const bool valid = source == "." || source == "./" || source.starts_with("git://") ||
                       archive::is_archive_name(source.substr(0, source.find('#'))) ||
                       (is_url(source) && source.find('#') != std::string::npos);
    if (!valid) {
        throw Error("source (" + source +
                        ") must be a compressed (tar.gz / zip) file, a git repo, a file path "
                        "or in the project's context (.)",
                    ErrorKind::usage);
    }
    project.spec.source = source;
    project.spec.load_source_on_run = pull_at_runtime;
    if (!workdir.empty()) {
        project.spec.workdir = workdir;
    }
}

}  // namespace mlrun::project

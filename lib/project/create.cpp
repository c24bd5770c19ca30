// A new project folder from a built-in template.

#include "lib/project/create.hpp"

#include "lib/error.hpp"
#include "lib/git/repository.hpp"
#include "lib/model/document.hpp"
#include "lib/project/directory.hpp"
#include "lib/project/templates.hpp"
#include "lib/util/files.hpp"

namespace mlrun::project {
namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

}  // namespace

CreateResult create_project(const CreateRequest& request)
{
    if (const auto problem = model::project_name_error(request.name); !problem.empty()) {
        throw Error(problem, ErrorKind::usage);
    }
    const auto files = template_files(request.template_name);
    const auto& context = request.context;
    if (std::filesystem::exists(context) && !std::filesystem::is_directory(context)) {
        throw Error("context " + context.string() + " is not a folder", ErrorKind::usage);
    }
    if (!request.overwrite) {
        if (const auto existing = find_project_file(context)) {
            throw Error(existing->string() + " already exists", ErrorKind::failed,
                        "pass --overwrite to replace it, or choose another --context");
        }
        for (const auto& file : files) {
            if (std::filesystem::exists(context / file.path)) {
                throw Error((context / file.path).string() + " already exists", ErrorKind::failed,
                            "pass --overwrite to replace it, or choose another --context");
            }
        }
    }
    CreateResult result;
    std::string project_text;
    for (const auto& file : files) {
        if (file.path == "project.yaml") {
            project_text = file.content;
            continue;
        }
        auto content = replace_all(file.content, "@PROJECT_NAME@", request.name);
        // Without a description its paragraph goes: the template's own text describes it.
        content =
            request.description.empty()
                ? replace_all(replace_all(content, "@DESCRIPTION@\n\n", ""), "@DESCRIPTION@", "")
                : replace_all(content, "@DESCRIPTION@", request.description);
        util::write_file_atomically(context / file.path, content);
        result.files.push_back(context / file.path);
    }
    auto project = project_text.empty()
                       ? model::Project{}
                       : std::get<model::Project>(
                             model::parse_document(project_text, request.template_name).object);
    project.metadata.name = request.name;
    project.spec.description = request.description;
    if (!request.artifact_path.empty()) {
        project.spec.artifact_path = request.artifact_path;
    }
    for (auto it = request.params.begin(); it != request.params.end(); ++it) {
        project.spec.params[it.key()] = it.value();
    }
    if (project.spec.desired_state.empty()) {
        project.spec.desired_state = "online";
    }
    if (request.init_git && !std::filesystem::exists(context / ".git")) {
        git::init(context);
        result.initialised_git = true;
    } else if (const auto state = git::inspect(context); state && !state->remote.empty()) {
        project.spec.source = state->remote;
        project.spec.origin_url = state->remote;
    }
    result.file = context / "project.yaml";
    save_project(project, result.file);
    result.files.insert(result.files.begin(), result.file);
    result.project = std::move(project);
    return result;
}

}  // namespace mlrun::project

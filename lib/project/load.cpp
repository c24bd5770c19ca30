// Loading a project from wherever it lives.

#include "lib/project/load.hpp"

#include <unistd.h>

#include "lib/archive/extract.hpp"
#include "lib/error.hpp"
#include "lib/git/repository.hpp"
#include "lib/model/document.hpp"
#include "lib/project/directory.hpp"
#include "lib/project/fetch.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/files.hpp"
#include "lib/util/paths.hpp"

namespace mlrun::project {
namespace {

bool is_empty_directory(const std::filesystem::path& directory)
{
    std::error_code error;
    return !std::filesystem::exists(directory, error) ||
           std::filesystem::is_empty(directory, error);
}

void empty_directory(const std::filesystem::path& directory)
{
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator{directory, error}) {
        std::filesystem::remove_all(entry.path(), error);
        if (error) {
            throw Error("cannot empty " + directory.string() + ": " + error.message());
        }
    }
}

void ensure_directory(const std::filesystem::path& context)
{
    std::error_code error;
    if (std::filesystem::exists(context, error) && !std::filesystem::is_directory(context)) {
        throw Error("context " + context.string() + " is not a folder", ErrorKind::usage);
    }
    std::filesystem::create_directories(context, error);
    if (error) {
        throw Error("cannot create " + context.string() + ": " + error.message());
    }
}

// MLRun records a git checkout's source as its first remote, https:// written as git://.
std::string recorded_remote(const std::string& remote, const std::string& branch)
{
    auto url = remote;
    if (url.starts_with("https://")) {
        url = "git://" + url.substr(8);
    }
    return branch.empty() ? url : url + "#refs/heads/" + branch;
}

// A temporary file that removes itself.
struct TemporaryFile
{
    std::filesystem::path path;
    ~TemporaryFile()
    {
        if (!path.empty()) {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    }
};

// Removes what a failed clone left: the folder when it was created for it, else its contents.
void undo_clone(const std::filesystem::path& context, bool created)
{
    std::error_code ignored;
    if (created) {
        std::filesystem::remove_all(context, ignored);
    } else {
        empty_directory(context);
    }
}

std::string clone_into(const ProjectSource& source, const LoadRequest& request, LoadResult& result)
{
    const auto& context = request.context;
    if (!is_empty_directory(context)) {
        if (!request.clone) {
            throw Error("cannot clone into " + context.string() + ": the folder is not empty",
                        ErrorKind::failed,
                        "pass --clone to replace its contents, or choose another --context");
        }
        empty_directory(context);
    }
    const bool created = !std::filesystem::exists(context);
    const auto credentials = git_credentials(request.environment);
    git::CloneResult cloned;
    try {
        cloned = git::clone(
            {source.location, source.reference, credentials.username, credentials.password},
            context);
    } catch (...) {
        undo_clone(context, created);
        throw;
    }
    if (const auto link = util::escaping_link(context)) {
        const auto relative = link->lexically_relative(context).string();
        undo_clone(context, created);
        throw Error("refusing the clone of " + source.shown() + ": the link '" + relative +
                        "' points outside the project folder",
                    ErrorKind::failed);
    }
    result.commit = cloned.commit;
    result.branch = cloned.branch;
    return source.recorded_git_url(cloned.reference);
}

void extract_into(const ProjectSource& source, const LoadRequest& request)
{
    TemporaryFile downloaded;
    std::filesystem::path archive_path = source.location;
    if (source.remote()) {
        auto name = source.location.substr(source.location.rfind('/') + 1);
        downloaded.path = util::create_temp_file("mlrun-", "-" + name);
        download(source.location, downloaded.path);
        archive_path = downloaded.path;
    }
    // As with git sources: never mixed into, or over, what a folder already holds.
    if (!is_empty_directory(request.context)) {
        if (!request.clone) {
            throw Error("cannot extract into " + request.context.string() +
                            ": the folder is not empty",
                        ErrorKind::failed,
                        "pass --clone to replace its contents, or choose another --context");
        }
        empty_directory(request.context);
    }
    const bool created = !std::filesystem::exists(request.context);
    try {
        archive::extract(archive_path, request.context);
    } catch (...) {
        if (created) {
            std::error_code ignored;
            std::filesystem::remove_all(request.context, ignored);
        }
        throw;
    }
}

}  // namespace

LoadResult load_project(const LoadRequest& request, store::RunDB* db)
{
    if (request.context.empty()) {
        throw Error("a project folder (context) must be given", ErrorKind::usage);
    }
    LoadResult result;
    result.context = request.context;
    std::optional<model::Project> project;
    std::string url;
    bool from_db = false;
    if (request.source) {
        const auto& source = *request.source;
        switch (source.kind) {
        case SourceKind::directory: break;
        case SourceKind::yaml: {
            const auto text = fetch(source.location);
            const auto document = model::parse_document(text, source.shown());
            if (document.kind != model::DocumentKind::project) {
                throw Error(source.shown() + " holds a " +
                                std::string{model::to_string(document.kind)} + ", not a project",
                            ErrorKind::usage);
            }
            project = std::get<model::Project>(document.object);
            result.file =
                source.remote() ? std::filesystem::path{} : std::filesystem::path{source.location};
            url = source.url;
            break;
        }
        case SourceKind::git: url = clone_into(source, request, result); break;
        case SourceKind::archive:
            extract_into(source, request);
            url = source.url;
            break;
        case SourceKind::db:
            if (db == nullptr) {
                throw Error("cannot load project '" + source.name + "': no run store is open");
            }
            project = db->read_project(source.name);
            from_db = true;
            break;
        }
    }
    if (!request.source && !std::filesystem::exists(request.context)) {
        throw Error("project folder '" + request.context.string() + "' does not exist",
                    ErrorKind::not_found,
                    "create it with 'mlrun project create NAME', or load one with -u URL");
    }
    ensure_directory(request.context);
    const bool repository_root = std::filesystem::exists(request.context / ".git");
    if (repository_root) {
        if (const auto state = git::inspect(request.context)) {
            result.commit = state->commit;
            result.branch = state->branch;
            // project.yaml is the tool's own output (saving a loaded project rewrites it):
            // changes to it alone do not make the tree dirty.
            for (const auto& path : state->changed) {
                const auto name = std::filesystem::path{path}.filename();
                if (name != "project.yaml" && name != "project.yml") {
                    result.dirty = true;
                }
            }
            if (!state->remote.empty() &&
                (!request.source || request.source->kind != SourceKind::git)) {
                url = recorded_remote(state->remote, state->branch);
            }
            if (result.dirty && !request.allow_dirty) {
                throw Error("the project folder " + request.context.string() +
                                " has uncommitted git changes",
                            ErrorKind::failed, "commit them, or pass --dirty to load it anyway");
            }
        }
    } else if (request.init_git) {
        git::init(request.context);
    }
    if (!project) {
        auto directory = read_project_directory(request.context, request.subpath);
        project = std::move(directory.project);
        result.file = directory.file;
        if (directory.setup_only ||
            std::filesystem::exists(request.context / request.subpath / "project_setup.py")) {
            result.warnings.push_back(
                "project_setup.py was not run: this tool does not execute project setup "
                "scripts (run it with MLRun's Python SDK)");
        }
    } else {
        project->spec.subpath = request.subpath.empty() ? project->spec.subpath : request.subpath;
    }
    if (!request.name.empty()) {
        if (!project->metadata.name.empty() && project->metadata.name != request.name) {
            result.warnings.push_back("project name mismatch, " + project->metadata.name +
                                      " != " + request.name + ", project is loaded with " +
                                      request.name + " project name");
        }
        project->metadata.name = request.name;
    }
    if (project->metadata.name.empty()) {
        throw Error("project name must be specified", ErrorKind::usage,
                    "the project file has no metadata.name: pass -n NAME");
    }
    if (const auto problem = model::project_name_error(project->metadata.name); !problem.empty()) {
        throw Error(problem, ErrorKind::usage);
    }
    for (auto it = request.parameters.begin(); it != request.parameters.end(); ++it) {
        project->spec.params[it.key()] = it.value();
    }
    if (!from_db) {
        if (!url.empty()) {
            project->spec.source = url;
            project->spec.origin_url = url;
        }
        project->spec.owner.clear();
    }
    result.project = std::move(*project);
    return result;
}

}  // namespace mlrun::project

// Finding the code a run executes.

#include "lib/launcher/function_source.hpp"

#include <unistd.h>

#include "lib/error.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/model/document.hpp"
#include "lib/util/base64.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::launcher {
namespace {

std::filesystem::path write_embedded_code(const std::string& base64, const std::string& name)
{
    const auto path = util::create_temp_file("mlrun-" + name + "-", ".py");
    util::write_file_atomically(path, util::base64_decode(base64));
    return path;
}

}  // namespace

FunctionSource function_source(model::Function function, const std::filesystem::path& base)
{
    FunctionSource source;
    source.function = std::move(function);
    const auto& build = source.function.spec.build;
    if (const auto code = build.find("functionSourceCode");
        code != build.end() && code->is_string()) {
        source.temp_file =
            write_embedded_code(code->get<std::string>(), source.function.metadata.name);
        source.code_file = source.temp_file;
    } else if (!source.function.spec.command.empty()) {
        const auto [file, args] = split_url(source.function.spec.command);
        std::filesystem::path path{file};
        if (path.is_relative()) {
            path = base / path;
        }
        if (file.ends_with(".py") && !std::filesystem::exists(path)) {
            source.missing_code = path;
        } else {
            source.code_file = path;
        }
    }
    return source;
}

void require_local_code(const FunctionSource& source)
{
    if (!source.missing_code.empty()) {
        throw Error("no file in exec path (spec.command=" + source.function.spec.command + ")",
                    ErrorKind::not_found,
                    "a local run needs " + source.missing_code.string() +
                        "; a job whose code is in its image runs through an MLRun API");
    }
}

FunctionSource function_file_source(const std::filesystem::path& path)
{
    return function_source(model::read_function(path),
                           path.has_parent_path() ? path.parent_path() : ".");
}

FunctionSource project_function_source(const std::string& name,
                                       const std::filesystem::path& context,
                                       const FunctionImporter& importer)
{
    std::filesystem::path file;
    for (const char* candidate : {"project.yaml", "project.yml"}) {
        if (std::filesystem::exists(context / candidate)) {
            file = context / candidate;
            break;
        }
    }
    if (file.empty()) {
        throw Error("function '" + name + "' not found: no project.yaml in '" + context.string() +
                        "'",
                    ErrorKind::not_found,
                    "run from the project folder, pass --context DIR, or use -f FILE.yaml");
    }
    const auto project = model::read_project(file);
    const auto* entry = project.find_function(name);
    if (entry == nullptr) {
        std::vector<std::string> names;
        for (const auto& function : project.spec.functions) {
            names.push_back(function.name);
        }
        const auto near = util::closest(name, names);
        throw Error("function '" + name + "' not found in project '" + project.metadata.name +
                        "' (" + file.string() + ")",
                    ErrorKind::not_found,
                    near            ? "did you mean '" + *near + "'?"
                    : names.empty() ? std::string{"the project has no functions"}
                                    : "the project has: " + util::join(names, ", "));
    }
    const auto code_dir =
        context / (project.spec.workdir.empty() ? project.spec.subpath : project.spec.workdir);
    FunctionSource source;
    if (!entry->spec.is_null()) {
        source = function_source(model::function_from_json(entry->spec), code_dir);
    } else if (entry->url.ends_with(".yaml") || entry->url.ends_with(".yml")) {
        source = function_file_source(code_dir / entry->url);
        if (!entry->image.empty()) {
            source.function.spec.image = entry->image;
        }
    } else if (entry->url.find("://") != std::string::npos) {
        if (!importer) {
            throw Error("function '" + name + "' comes from " + entry->url +
                            ", which cannot be read here",
                        ErrorKind::failed);
        }
        source = function_source(importer(entry->url, code_dir), code_dir);
        if (!entry->image.empty()) {
            source.function.spec.image = entry->image;
        }
        if (!entry->name.empty()) {
            source.function.metadata.name = model::normalize_name(entry->name);
        }
    } else {
        source.function.kind = entry->kind.empty() ? "job" : entry->kind;
        source.function.metadata.name = model::normalize_name(entry->name);
        source.function.spec.image =
            entry->image.empty() ? project.spec.default_image : entry->image;
        source.function.spec.default_handler = entry->handler;
        if (!entry->url.empty()) {
            source.code_file = code_dir / entry->url;
            if (!std::filesystem::exists(source.code_file)) {
                throw Error("function '" + name + "': file '" + source.code_file.string() +
                                "' does not exist",
                            ErrorKind::not_found);
            }
            source.function.spec.command = entry->url;
        }
    }
    source.function.metadata.project = project.metadata.name;
    return source;
}

FunctionSource stored_function_source(store::RunDB& db, const std::string& project,
                                      const model::DbUri& uri, const std::filesystem::path& context)
{
    return function_source(db.read_function(project, uri.name, uri.tag, uri.hash), context);
}

}  // namespace mlrun::launcher

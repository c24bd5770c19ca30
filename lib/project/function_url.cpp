// One reading of a function URL.

#include "lib/project/function_url.hpp"

#include "lib/error.hpp"
#include "lib/project/directory.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::project {
namespace {

bool is_code_name(const std::string& url)
{
    return url.ends_with(".py") || url.ends_with(".ipynb");
}

ResolvedFunction project_function(const std::string& name, const std::filesystem::path& context,
                                  const FunctionTools& tools)
{
    DirectoryProject directory;
    try {
        directory = read_project_directory(context);
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::not_found) {
            throw;
        }
        throw Error("function '" + name + "' not found: no project.yaml in '" + context.string() +
                        "'",
                    ErrorKind::not_found,
                    "run from the project folder, pass --context DIR, or give a function YAML");
    }
    const auto& project = directory.project;
    const auto* entry = project.find_function(name);
    if (entry == nullptr) {
        std::vector<std::string> names;
        for (const auto& function : project.spec.functions) {
            names.push_back(function.name);
        }
        const auto near = util::closest(name, names);
        throw Error("function '" + name + "' not found in project '" + project.metadata.name +
                        "' (" + directory.file.string() + ")",
                    ErrorKind::not_found,
                    near            ? "did you mean '" + *near + "'?"
                    : names.empty() ? std::string{"the project has no functions"}
                                    : "the project has: " + util::join(names, ", "));
    }
    ResolvedFunction resolved{function_from_entry(*entry, project, context, tools),
                              code_path(project, context)};
    auto& function = resolved.function;
    if (function.spec.image.empty()) {
        function.spec.image = project.spec.default_image;  // as MLRun enriches project functions
    }
    if (entry->url.ends_with(".yaml") || entry->url.ends_with(".yml")) {
        // A function YAML's relative command points next to the YAML.
        resolved.code_base = (resolved.code_base / entry->url).parent_path();
    }
    return resolved;
}

}  // namespace

FunctionUrlForm function_url_form(const std::string& url)
{
    const bool has_scheme = url.find("://") != std::string::npos;
    if (url == "." || (!has_scheme && (url.ends_with(".yaml") || url.ends_with(".yml")))) {
        return FunctionUrlForm::function_file;
    }
    if (has_scheme) {
        return FunctionUrlForm::url;
    }
    if (is_code_name(url)) {
        return FunctionUrlForm::code_file;
    }
    return FunctionUrlForm::project_function;
}

ResolvedFunction resolve_function_url(const std::string& url, const FunctionUrlRequest& request,
                                      const FunctionTools& tools)
{
    switch (function_url_form(url)) {
    case FunctionUrlForm::function_file: {
        const std::filesystem::path path =
            url == "." ? request.context / "function.yaml" : std::filesystem::path{url};
        if (!std::filesystem::exists(path)) {
            throw Error("function file '" + path.string() + "' does not exist",
                        ErrorKind::not_found);
        }
        return {import_function(path.string(), ".", tools),
                path.has_parent_path() ? path.parent_path() : std::filesystem::path{"."}};
    }
    case FunctionUrlForm::url:
        if (is_code_name(url)) {
            throw Error("remote code files are not supported yet: " + url, ErrorKind::usage,
                        "download the file, then give its path");
        }
        return {import_function(url, ".", tools), request.context};
    case FunctionUrlForm::code_file:
        if (!std::filesystem::exists(url)) {
            throw Error("file '" + url + "' does not exist", ErrorKind::not_found);
        }
        return {code_to_function(url, request.code, tools), "."};
    case FunctionUrlForm::project_function: return project_function(url, request.context, tools);
    }
    throw Error("unreadable function url '" + url + "'", ErrorKind::usage);
}

}  // namespace mlrun::project

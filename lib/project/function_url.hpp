// One reading of a function URL, the same for `run -f`, `build`, `deploy` and `function show`:
// `.`, a function YAML (.yaml/.yml), db://, hub://, http(s)://, a code file, or the name of a
// function of the project in the context folder.
#pragma once

#include <filesystem>
#include <string>

#include "lib/model/function.hpp"
#include "lib/project/function_builder.hpp"

namespace mlrun::project {

enum class FunctionUrlForm
{
    function_file,     // ".", or a path ending .yaml/.yml (relative to the working folder)
    url,               // db://, hub://, http(s)://, file://, ...: read with import_function
    code_file,         // a .py (or .ipynb) file: made into a function as code_to_function does
    project_function,  // anything else: a function of the project in the context folder
};

FunctionUrlForm function_url_form(const std::string& url);

struct FunctionUrlRequest
{
    std::filesystem::path context = ".";  // where "." and project function names are looked up
    CodeOptions code = {};                // how a code file is made into a function
};

struct ResolvedFunction
{
    model::Function function;
    std::filesystem::path code_base;  // where the function's relative spec.command points
};

// The function `url` names. db:// URLs without a project read `tools.default_project`; a project
// function gets the project's name and, when it has none, its default image. Throws
// Error(not_found) naming what is missing (with a "did you mean" hint for a near name).
ResolvedFunction resolve_function_url(const std::string& url, const FunctionUrlRequest& request,
                                      const FunctionTools& tools);

}  // namespace mlrun::project

// Finding the code a run executes: a function YAML, a function of a project's project.yaml, a
// function stored in the run DB, or a code file; embedded code is written to a temporary file.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "lib/model/function.hpp"
#include "lib/model/uri.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::launcher {

struct FunctionSource
{
    model::Function function;
    std::filesystem::path code_file;  // empty when nothing is to be imported (commands, modules)
    std::filesystem::path temp_file;  // embedded code written out; the caller removes it
    // A .py file spec.command names that is not here: the code lives in the function's image.
    // A remote run is submitted as it is; a local run needs it (require_local_code).
    std::filesystem::path missing_code;

    FunctionSource() = default;
    FunctionSource(FunctionSource&&) = default;
    FunctionSource& operator=(FunctionSource&&) = default;
};

// `function`'s code: embedded `build.functionSourceCode` (written to a temporary .py file), or
// `spec.command` resolved against `base` (a missing file is recorded in `missing_code`).
FunctionSource function_source(model::Function function, const std::filesystem::path& base);

// Throws Error(not_found) when the code a local run would execute is not on this machine.
void require_local_code(const FunctionSource& source);

// A function YAML file; its code is resolved next to it.
FunctionSource function_file_source(const std::filesystem::path& path);

// Reads a function named by a URL (db://, hub://, http(s)://...) relative to a base folder.
using FunctionImporter =
    std::function<model::Function(const std::string& url, const std::filesystem::path& base)>;

// The function `name` of the project in `context` (project.yaml or project.yml), as MLRun
// builds it from the project's function entry; entries whose url is a URL are read through
// `importer` (without one they are refused). Throws Error(not_found) naming what is missing.
FunctionSource project_function_source(const std::string& name,
                                       const std::filesystem::path& context,
                                       const FunctionImporter& importer = {});

// A function stored in `db`; its code is resolved against `context`.
FunctionSource stored_function_source(store::RunDB& db, const std::string& project,
                                      const model::DbUri& uri,
                                      const std::filesystem::path& context);

}  // namespace mlrun::launcher

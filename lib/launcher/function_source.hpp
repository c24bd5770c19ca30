// Finding the code a run executes for a function (project::resolve_function_url finds the
// function): its spec.command, or its embedded code (run from the file it came from when that is
// unchanged, else written to a temporary file).
#pragma once

#include <filesystem>
#include <string>

#include "lib/model/function.hpp"

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

// `function`'s code: embedded `build.functionSourceCode` (its `build.origin_filename`, relative to
// `base`, when that file still holds the same code; else a temporary .py file), or `spec.command`
// resolved against `base` (a missing file is recorded in `missing_code`).
FunctionSource function_source(model::Function function, const std::filesystem::path& base);

// Throws Error(not_found) when the code a local run would execute is not on this machine.
void require_local_code(const FunctionSource& source);

}  // namespace mlrun::launcher

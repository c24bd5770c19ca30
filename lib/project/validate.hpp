// `mlrun project validate`: a lint for CI over project and function YAML files. Every problem
// is reported with the file, line and column it is about.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mlrun::project {

struct Problem
{
    std::string file;
    int line = 0;  // 0 when unknown
    int column = 0;
    std::string message;
    // Loads and runs, but in a looser shape than MLRun documents: reported, not a failure.
    bool warning = false;

    std::string to_string() const;  // file:line:col: [warning: ]message
};

// Checks a project.yaml or a function.yaml: YAML syntax, field types, name rules, duplicate
// function names, unknown kinds, function and workflow files that do not exist, handlers that
// are not in their code file, artifacts without keys or with missing import files. Relative
// paths in a project resolve against `context` (plus the project's workdir or subpath).
std::vector<Problem> validate_file(const std::filesystem::path& file,
                                   const std::filesystem::path& context);

// Whether Python `code` defines `name` as a top-level function.
bool defines_function(const std::string& code, const std::string& name);

}  // namespace mlrun::project

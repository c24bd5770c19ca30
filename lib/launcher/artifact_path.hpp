// Artifact paths (runs-and-artifacts.md §7): which one a run, a workflow or a logged file writes
// under, and the templates it may hold. One rule for `run`, the workflow engine and `artifacts`.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "lib/config/config.hpp"

namespace mlrun::launcher {

// The first of `given` that is not empty (the option, then a task's or a project's own), else
// the configured default (`artifact_path`, the server's when it sent one); "" when none.
std::string choose_artifact_path(std::initializer_list<std::string_view> given,
                                 const config::Config& config);

// `path` with each `{{name}}` of `values` filled in (run.uid, run.project, project, run.user,
// workflow.uid); a template with no value is left as written.
std::string fill_artifact_path(std::string path, const std::map<std::string, std::string>& values);

// Whether `path` still holds a `{{...}}` template.
bool has_artifact_path_template(std::string_view path);

}  // namespace mlrun::launcher

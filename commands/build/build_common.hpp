// What `mlrun build` and `mlrun deploy` share: the function they work on (FUNC_URL, a project
// function, or a --runtime dict), --source, --ensure-project.
#pragma once

#include <functional>
#include <string>

#include "cli/invocation.hpp"
#include "lib/model/function.hpp"

namespace mlrun::commands {

// The function named by `url` (".", a YAML path or URL, db://[PROJECT/]NAME[:TAG], hub://NAME,
// or a function of the project in the current folder) or given as the `runtime` dict literal
// (default kind job). Throws Error(failed) "Function path or url are required" without both.
model::Function load_target_function(const std::string& url, const std::string& runtime,
                                     cli::Invocation& invocation);

// MLRun's --source: a .py file is embedded (spec.build.functionSourceCode, base64) and the
// command cleared; anything else becomes spec.build.source. Throws Error(not_found) "Source file
// doesnt exist (<path>)" for a missing .py file.
void apply_source(model::Function& function, const std::string& source);

// Polls an MLRun API until `poll` returns true (the build or deployment is over), waiting
// httpdb.logs.pull_logs_default_interval between polls. Ctrl-C stops following (the server's
// work goes on) with Error(interrupted) naming `what`.
void poll_until_done(cli::Invocation& invocation, const std::string& what,
                     const std::function<bool()>& poll);

// Creates `project` in the run store when it is not there (--ensure-project).
void ensure_project(cli::Invocation& invocation, const std::string& project);

}  // namespace mlrun::commands

// Assembling the run `mlrun run` records, from what it was asked (runs-and-artifacts.md §4): its
// uid, project, labels (kind, owner, workflow, v3io user), handler, parameters, inputs,
// hyper-parameters, returns, outputs, secrets and names, and the keys MLRun always writes. One
// place for these rules: the command only gathers its options and executes the result.
#pragma once

#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/config/environment.hpp"
#include "lib/json.hpp"
#include "lib/model/function.hpp"
#include "lib/model/run.hpp"
#include "lib/reporter.hpp"

namespace mlrun::launcher {

// What `mlrun run` was asked, as data.
struct RunRequest
{
    std::string url;            // the positional URL as given (code file and arguments), or ""
    std::string url_file;       // its code file part
    bool function_url = false;  // the function came from -f
    std::string uid, project, name, workflow, handler;
    std::string recorded_kind;  // the kind label to record ("" : local, or the kind when remote)
    bool remote = false;        // submitted to an MLRun API rather than run here
    std::vector<std::string> labels, params, inputs, hyperparams, returns, outputs, secrets;
    std::string hyper_options, hyper_strategy, selector, param_file, in_path;
    bool verbose = false, scrape_metrics = false;
};

struct PreparedRun
{
    model::Run run;
    std::string handler;  // what runs: the request's, the task's or the function's default
    Json inline_secrets;  // secret values given inline: for the run's environment only
};

// The run for `request` on top of `base` (a --task file's run, or empty); `function` gets its
// normalised name (a generated one when it has none). `project` is the resolved project. Pair
// options without `=` are reported on `reporter` and skipped.
PreparedRun prepare_run(model::Run base, const RunRequest& request, model::Function& function,
                        const config::Environment& environment, const config::Config& config,
                        Reporter& reporter);

}  // namespace mlrun::launcher

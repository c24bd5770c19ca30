// Assembling the run `mlrun run` records.

#include "lib/launcher/prepare_run.hpp"

#include <filesystem>

#include "lib/error.hpp"
#include "lib/launcher/hyper.hpp"
#include "lib/launcher/local_launcher.hpp"
#include "lib/launcher/py_literal.hpp"
#include "lib/launcher/run_record.hpp"
#include "lib/launcher/task_options.hpp"

namespace mlrun::launcher {
namespace {

void add_labels(model::Run& run, const RunRequest& request, const model::Function& function,
                const config::Environment& environment, Reporter& reporter)
{
    auto& labels = run.metadata.labels;
    const auto given = parse_labels(request.labels, environment, {"--label", &reporter});
    for (auto it = given.begin(); it != given.end(); ++it) {
        labels[it.key()] = it.value();
    }
    if (!request.workflow.empty()) {
        labels["workflow"] = request.workflow;
    }
    labels["kind"] = !request.recorded_kind.empty() ? request.recorded_kind
                     : request.remote               ? function.effective_kind()
                                                    : "local";
    const auto v3io_user = config::lookup(environment, "V3IO_USERNAME");
    if (v3io_user && !v3io_user->empty()) {
        labels["v3io_user"] = *v3io_user;
    }
    if (!labels.contains("owner")) {
        labels["owner"] = run_owner(environment);
    }
}

void add_hyper_parameters(model::Run::Spec& spec, const RunRequest& request, Reporter& reporter)
{
    spec.hyperparams.update(parse_parameters(request.hyperparams, {"-x", &reporter}));
    if (!request.hyper_options.empty()) {
        auto parsed = parse_python_literal(request.hyper_options);
        if (!parsed || !parsed->is_object()) {
            throw Error("--hyper-param-options must be a dict, e.g. '{\"strategy\": \"random\", "
                        "\"max_iterations\": 5}'",
                        ErrorKind::usage);
        }
        spec.hyper_param_options = *parsed;
    }
    if (!request.hyper_strategy.empty()) {
        spec.hyper_param_options["strategy"] = request.hyper_strategy;
    }
    if (!request.selector.empty()) {
        spec.hyper_param_options["selector"] = request.selector;
    }
    if (!request.param_file.empty()) {
        spec.hyper_param_options["param_file"] = request.param_file;
        spec.hyperparams.update(read_param_file(request.param_file));
    }
}

// The run's name (runs-and-artifacts.md §4): as given; else the URL's stem ("bash s.sh hi" is
// "bash-s", as MLRun names it); else <function>-<handler>; else the function's name.
std::string run_name(const model::Run& run, const RunRequest& request,
                     const std::string& function_name, const std::string& handler)
{
    if (!request.name.empty()) {
        return normalize_run_name(request.name);
    }
    if (!run.metadata.name.empty()) {
        return normalize_run_name(run.metadata.name);
    }
    if (!request.url_file.empty() && !request.function_url) {
        return normalize_run_name(std::filesystem::path{request.url}.stem().string());
    }
    if (!handler.empty()) {
        const auto cut = handler.find_last_of(".:#");
        return normalize_run_name(function_name + "-" +
                                  handler.substr(cut == std::string::npos ? 0 : cut + 1));
    }
    return normalize_run_name(function_name);
}

}  // namespace

PreparedRun prepare_run(model::Run base, const RunRequest& request, model::Function& function,
                        const config::Environment& environment, const config::Config& config,
                        Reporter& reporter)
{
    PreparedRun prepared{std::move(base), {}, Json::object()};
    auto& run = prepared.run;
    auto& metadata = run.metadata;
    if (!request.uid.empty()) {
        metadata.uid = request.uid;
    }
    if (metadata.uid.empty()) {
        metadata.uid = new_uid();
    }
    metadata.project = request.project;
    add_labels(run, request, function, environment, reporter);

    auto& spec = run.spec;
    prepared.handler = !request.handler.empty() ? request.handler
                       : !spec.handler.empty()  ? spec.handler
                                                : function.spec.default_handler;
    spec.handler = prepared.handler;
    spec.parameters.update(parse_parameters(request.params, {"-p", &reporter}));
    spec.inputs.update(parse_inputs(request.inputs, environment, {"-i", &reporter}));
    add_hyper_parameters(spec, request, reporter);
    spec.returns = parse_returns(request.returns);
    for (const auto& output : request.outputs) {
        spec.outputs.push_back(output);
    }
    for (auto& source : parse_secret_sources(request.secrets, environment)) {
        spec.secret_sources.push_back(std::move(source));
    }
    // Inline secret values (from --secrets or a step's task) never reach the record.
    prepared.inline_secrets = inline_secret_values(spec.secret_sources);
    spec.secret_sources = recorded_secret_sources(spec.secret_sources);
    if (!request.in_path.empty()) {
        spec.input_path = request.in_path;
    }
    // Written only when asked for, as MLRun writes them.
    if (request.verbose) {
        spec.verbose = true;
    }
    if (request.scrape_metrics) {
        spec.scrape_metrics = true;
    }

    auto function_name = function.metadata.name;
    if (function_name.empty()) {
        function_name = "mlrun-" + new_uid().substr(0, 6);
    }
    function.metadata.name = model::normalize_name(function_name);
    metadata.name = run_name(run, request, function.metadata.name, prepared.handler);
    add_recorded_keys(run, config);
    return prepared;
}

}  // namespace mlrun::launcher

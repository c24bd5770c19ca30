// `mlrun deploy [SPEC]`: deploys a Nuclio or serving function through an MLRun API and follows
// the deployment to its end. Nuclio runs behind an MLRun service: without one, a clear error.

#include "cli/shared_options.hpp"
#include "commands/build/build_common.hpp"
#include "commands/commands.hpp"
#include "lib/error.hpp"
#include "lib/store/api_service.hpp"
#include "lib/store/open_run_db.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/files.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string spec, source, func_url, project, kind, tag, dashboard;
    std::vector<std::string> models, env;
    bool verbose = false, ensure = false;
};

bool is_nuclio_kind(const std::string& kind)
{
    return kind == "remote" || kind == "nuclio" || kind == "serving" ||
           kind.starts_with("nuclio:") || kind == "application";
}

void set_env(model::Function& function, const std::string& name, const std::string& value)
{
    if (function.spec.env.is_object()) {  // a mapping stays a mapping
        function.spec.env[name] = value;
        return;
    }
    if (!function.spec.env.is_array()) {
        function.spec.env = Json::array();
    }
    for (auto& entry : function.spec.env) {
        if (entry.is_object() && entry.value("name", std::string{}) == name) {
            entry = {{"name", name}, {"value", value}};
            return;
        }
    }
    function.spec.env.push_back({{"name", name}, {"value", value}});
}

// -m for serving functions: JSON {"key", "model_path", "class_name"} routes of the graph;
// for nuclio functions: NAME=PATH, as SERVING_MODEL_<NAME> env.
void add_models(model::Function& function, const std::vector<std::string>& models)
{
    const bool serving = function.kind == "serving";
    for (const auto& text : models) {
        if (serving) {
            const auto model = try_parse_json(text);
            if (!model || !model->is_object() || !model->contains("key")) {
                throw Error("invalid --model '" + text + "'", ErrorKind::usage,
                            "serving models are JSON: '{\"key\": \"m1\", \"model_path\": "
                            "\"store://models/p/m1\", \"class_name\": \"MyClass\"}'");
            }
            auto& graph = function.spec.extra["graph"];
            if (!graph.is_object()) {
                graph = {{"kind", "router"}, {"routes", Json::object()}};
            }
            Json route = {{"kind", "task"},
                          {"class_name", model->value("class_name", std::string{})},
                          {"class_args", {{"model_path", model->value("model_path", "")}}}};
            graph["routes"][(*model)["key"].get<std::string>()] = route;
            continue;
        }
        const auto equals = text.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw Error("invalid --model '" + text + "'", ErrorKind::usage, "use NAME=PATH");
        }
        set_env(function, "SERVING_MODEL_" + text.substr(0, equals), text.substr(equals + 1));
    }
}

void execute(const Options& options, cli::Invocation& invocation)
{
    auto function = load_target_function(options.func_url, options.spec, invocation);
    if (!options.kind.empty()) {
        function.kind = options.kind;
    }
    if (!is_nuclio_kind(function.effective_kind())) {
        throw Error("function " + function.metadata.name + " is a " + function.effective_kind() +
                        " function; deploy is for Nuclio functions (remote, nuclio, serving)",
                    ErrorKind::usage, "build its image with 'mlrun build'");
    }
    if (!options.project.empty()) {
        function.metadata.project = options.project;
    }
    function.metadata.project = invocation.project_or_default(function.metadata.project);
    if (!options.tag.empty()) {
        function.metadata.tag = options.tag;
    }
    apply_source(function, options.source);
    for (const auto& pair : options.env) {
        const auto equals = pair.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw Error("invalid --env '" + pair + "'", ErrorKind::usage, "use KEY=VALUE");
        }
        set_env(function, pair.substr(0, equals), pair.substr(equals + 1));
    }
    add_models(function, options.models);
    if (!store::is_remote(invocation.config().dbpath())) {
        throw Error("deploying function " + function.metadata.name + " (" +
                        function.effective_kind() + ") needs an MLRun service: Nuclio runs there",
                    ErrorKind::failed,
                    "set MLRUN_DBPATH (or --db) to the MLRun API's URL; to run the handler here "
                    "use 'mlrun run --local'");
    }
    if (options.ensure) {
        ensure_project(invocation, function.metadata.project);
    }
    auto& out = invocation.out();
    if (function.kind == "serving") {
        out << "Deploying V2 model server\n";
    }
    auto& api = store::require_api(
        invocation.run_db(),
        "deploying function " + function.metadata.name + " (" + function.effective_kind() + ")",
        "Nuclio and serving functions run behind an MLRun service: set MLRUN_DBPATH");
    const auto deployed = api.deploy_nuclio(function);
    double timestamp = 0;
    store::DeployProgress progress;
    poll_until_done(invocation, "the deployment of " + function.metadata.name, [&] {
        progress = api.deploy_status(deployed, timestamp);
        if (!progress.text.empty()) {
            out << progress.text << (progress.text.ends_with("\n") ? "" : "\n") << std::flush;
        }
        timestamp = progress.last_timestamp;
        return progress.state == "ready" || progress.state == "error" ||
               progress.state == "unhealthy";
    });
    if (progress.state != "ready") {
        throw Error("deploy error: function " + function.metadata.name + " ended " + progress.state,
                    ErrorKind::failed, "see the deployment log above");
    }
    out << "Function deployed, address=" << progress.address << "\n";
    // The real tool leaves these for Kubeflow steps.
    try {
        util::write_file_atomically("/tmp/output", progress.address);
        util::write_file_atomically("/tmp/name", progress.nuclio_name);
    } catch (const Error& error) {
        invocation.logger().log(LogLevel::warning, error.what());
    }
}

}  // namespace

void add_deploy(CLI::App& command, cli::Invocation& invocation)
{
    auto o = std::make_shared<Options>();
    command.add_option("spec", o->spec, "Function as a dict literal (instead of -f)")
        ->type_name("SPEC");
    command.add_option("-s,--source", o->source, "Source: a .py file (embedded) or archive/git")
        ->type_name("SOURCE");
    command
        .add_option("-f,--func-url", o->func_url,
                    "Function: YAML path or URL, db://[PROJECT/]NAME[:TAG], hub://NAME, or a "
                    "function of the project here")
        ->type_name("URL");
    command.add_option("-p,--project", o->project, "Project")->type_name("NAME");
    command
        .add_option("-m,--model", o->models,
                    "Model (repeatable): serving: JSON {key, model_path, class_name}; nuclio: "
                    "NAME=PATH")
        ->type_name("MODEL")
        ->allow_extra_args(false);
    command.add_option("-k,--kind", o->kind, "Runtime kind (nuclio, serving, remote)")
        ->type_name("KIND");
    command.add_option("--tag", o->tag, "Function tag")->type_name("TAG");
    command.add_option("-e,--env", o->env, "Environment variable KEY=VALUE (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    command.add_flag("--verbose", o->verbose, "Verbose deployment log");
    command.add_option("-d,--dashboard", o->dashboard, "Nuclio dashboard (deprecated; ignored)")
        ->type_name("URL");
    cli::add_env_file_option(command, invocation);
    command.add_flag("--ensure-project", o->ensure, "Create the project if it does not exist");
    cli::add_db_option(command, invocation);
    command.callback([o, &invocation] { execute(*o, invocation); });
}

}  // namespace mlrun::commands

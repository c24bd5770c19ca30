// `mlrun run [URL] [ARGS]...`: run a Python handler, a script or any command on this machine
// and track it in the store: parameters, inputs, results, artifacts, log and state.

#include "commands/build/build_common.hpp"
#include "commands/commands.hpp"
#include "commands/project/project_common.hpp"
#include "commands/run_remote.hpp"

#include <mutex>

#include "cli/interrupt.hpp"
#include "cli/run_output.hpp"
#include "cli/run_summary.hpp"
#include "cli/shared_options.hpp"
#include "lib/artifacts/resolve.hpp"
#include "lib/config/env_file.hpp"
#include "lib/error.hpp"
#include "lib/git/repository.hpp"
#include "lib/launcher/artifact_path.hpp"
#include "lib/launcher/function_source.hpp"
#include "lib/launcher/hyper.hpp"
#include "lib/launcher/hyper_run.hpp"
#include "lib/launcher/local_launcher.hpp"
#include "lib/launcher/prepare_run.hpp"
#include "lib/launcher/py_literal.hpp"
#include "lib/launcher/run_cache.hpp"
#include "lib/launcher/run_record.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/model/document.hpp"
#include "lib/model/uri.hpp"
#include "lib/project/function_url.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string url;
    std::vector<std::string> run_args;
    std::vector<std::string> params, inputs, outputs, secrets, hyperparams, labels, returns;
    bool cache = false, no_cache = false, explain = false;
    std::string recorded_kind;
    std::string in_path, out_path, uid, name, workflow, project, runtime, param_file, selector;
    std::string hyper_strategy, hyper_options, func_url, task, handler, mode, schedule, image, kind;
    std::string source, workdir, origin_file, context = ".", command;
    std::string result_file;  // internal: the finished run as JSON (workflow steps read it)
    bool kfp = false, from_env = false, dump = false, local = false, auto_mount = false,
         watch = false;
    bool verbose = false, scrape_metrics = false, auto_build = false, ensure_project = false;
    double timeout = 0;
    std::size_t max_parallel = 1;
};

// The function the run executes, from -f, --kind or the URL.
launcher::FunctionSource resolve_function(const Options& options, cli::Invocation& invocation,
                                          const std::string& url_file)
{
    if (!options.func_url.empty()) {
        // The same reading of the URL as build, deploy and function show.
        auto tools = function_tools(invocation);
        tools.funcdoc_script.clear();  // a run needs no handler descriptions
        auto resolved = project::resolve_function_url(
            options.func_url, {.context = std::filesystem::path{options.context}}, tools);
        return launcher::function_source(std::move(resolved.function), resolved.code_base);
    }
    launcher::FunctionSource source;
    source.function.kind = options.kind.empty() ? "local" : options.kind;
    source.function.metadata.name =
        url_file.empty() ? "" : std::filesystem::path{url_file}.stem().string();
    source.function.spec.command = options.url;
    if (!url_file.empty() && options.mode != "pass" && options.command.empty()) {
        source.code_file = url_file;
        if (!std::filesystem::exists(source.code_file)) {
            throw Error("file '" + url_file + "' does not exist", ErrorKind::not_found);
        }
    }
    return source;
}

model::Run base_run(const Options& options)
{
    if (options.task.empty()) {
        return {};
    }
    auto document = model::read_document(options.task);
    if (document.kind != model::DocumentKind::run) {
        throw Error(options.task + ": expected a run (task) object", ErrorKind::usage);
    }
    return std::get<model::Run>(std::move(document.object));
}

void print_result(const model::Run& run, const Options& options, cli::Invocation& invocation)
{
    const auto value = model::to_json(run);
    if (invocation.output().is_machine_readable()) {
        invocation.output().show(value);
    } else if (options.dump) {
        invocation.out() << yaml::dump(value);
    } else {
        cli::print_run_summary(invocation.out(), run);
    }
}

void execute(const Options& options, cli::Invocation& invocation)
{
    if (options.url.starts_with("-")) {
        throw Error("Invalid value for '[URL]': URL (" + options.url +
                        ") cannot start with '-', ensure the command options are typed correctly",
                    ErrorKind::usage,
                    "use '--' to separate options and arguments: mlrun run --option -- URL ARGS");
    }
    if (options.from_env) {
        throw Error("--from-env runs inside MLRun job pods; it is not supported by this tool",
                    ErrorKind::usage);
    }
    const auto& environment = invocation.effective_environment();
    const auto& config = invocation.server_config();
    auto [url_file, url_args] = launcher::split_url(options.url);
    auto resolved = resolve_function(options, invocation, url_file);
    // Embedded code written to a temporary file goes away however the run ends.
    const std::unique_ptr<const std::filesystem::path, void (*)(const std::filesystem::path*)>
        cleanup{&resolved.temp_file, [](const std::filesystem::path* path) {
                    std::error_code ignored;
                    if (!path->empty()) {
                        std::filesystem::remove(*path, ignored);
                    }
                }};
    const auto kind = resolved.function.effective_kind();
    // Remote kinds (job, spark...) are submitted to an MLRun API. Without one, MLRun runs
    // them on this machine (force_run_local: auto, its default), and so does this, saying so;
    // only force_run_local: false keeps the refusal.
    bool remote = kind != "local" && kind != "handler" && !options.local;
    if (remote && !store::is_remote(config.dbpath())) {
        const auto force = util::to_lower(config.text("force_run_local"));
        if (force == "false" || force == "0") {
            throw Error("function kind '" + kind +
                            "' runs on Kubernetes through an MLRun API server, and "
                            "force_run_local is false",
                        ErrorKind::failed,
                        "pass --local to run it on this machine, or set MLRUN_DBPATH to the "
                        "API's URL");
        }
        if (!options.schedule.empty()) {
            throw Error("schedules need an MLRun API server (set MLRUN_DBPATH to its URL)",
                        ErrorKind::usage);
        }
        invocation.logger().log(LogLevel::warning,
                                "no MLRun API is configured: the " + kind +
                                    " function runs on this machine, as MLRun does "
                                    "(force_run_local: " +
                                    (force.empty() ? "auto" : force) +
                                    "); set MLRUN_DBPATH to submit it to a cluster");
        remote = false;
    }
    if (!remote && !options.schedule.empty()) {
        throw Error("Unexpected schedule=" + options.schedule +
                        " parameter for local function execution",
                    ErrorKind::usage, "schedules need an MLRun API server and a remote kind");
    }

    // The run as recorded: one set of rules, in lib (launcher::prepare_run).
    auto base = base_run(options);
    launcher::RunRequest request;
    request.url = options.url;
    request.url_file = url_file;
    request.function_url = !options.func_url.empty();
    request.uid = options.uid;
    request.project = invocation.project_or_default(
        !options.project.empty()
            ? options.project
            : (!base.metadata.project.empty() ? base.metadata.project
                                              : resolved.function.metadata.project));
    request.name = options.name;
    request.workflow = options.workflow;
    request.handler = options.handler;
    request.recorded_kind = options.recorded_kind;
    request.remote = remote;
    request.labels = options.labels;
    request.params = options.params;
    request.inputs = options.inputs;
    request.hyperparams = options.hyperparams;
    request.returns = options.returns;
    request.outputs = options.outputs;
    request.secrets = options.secrets;
    request.hyper_options = options.hyper_options;
    request.hyper_strategy = options.hyper_strategy;
    request.selector = options.selector;
    request.param_file = options.param_file;
    request.in_path = options.in_path;
    request.verbose = options.verbose;
    request.scrape_metrics = options.scrape_metrics;
    auto prepared = launcher::prepare_run(std::move(base), request, resolved.function, environment,
                                          config, invocation.logger());
    auto& run = prepared.run;
    auto& metadata = run.metadata;
    auto& spec = run.spec;
    const auto& handler = prepared.handler;
    const auto& inline_secrets = prepared.inline_secrets;
    const auto& function_name = resolved.function.metadata.name;

    // store:// inputs of a local run become the artifact's data (the server resolves them for
    // remote runs).
    if (!remote) {
        for (auto it = spec.inputs.begin(); it != spec.inputs.end(); ++it) {
            if (it->is_string() && it->get<std::string>().starts_with("store://")) {
                auto& db = invocation.run_db();
                const auto ref =
                    artifacts::parse_reference(it->get<std::string>(), metadata.project);
                const auto artifact = artifacts::resolve(db, ref);
                const auto local = artifacts::local_target(artifact.spec.target_path);
                *it = local ? local->string() : artifact.spec.target_path;
            }
        }
    }
    if (options.ensure_project) {
        ensure_project(invocation, metadata.project);
    }
    if (remote) {
        if (!inline_secrets.empty()) {
            throw Error("inline secrets are not sent to an MLRun API (the server would keep "
                        "their values in the run)",
                        ErrorKind::usage,
                        "use --secrets env=VAR,... or project secrets for remote runs");
        }
        if (auto path = launcher::choose_artifact_path({options.out_path}, config); !path.empty()) {
            spec.output_path = std::move(path);
        }
        if (!options.image.empty()) {
            resolved.function.spec.image = options.image;
        }
        submit_remote({run, resolved.function, resolved.code_file, options.schedule, options.watch},
                      invocation);
        return;
    }

    launcher::require_local_code(resolved);

    // The output (artifact) path, recorded as given (as MLRun records it: '' or relative
    // paths included); the artifacts go to its absolute form, the working folder when none.
    spec.output_path = launcher::template_artifact_path(
        launcher::choose_artifact_path({options.out_path, spec.output_path}, config), run);
    std::string artifact_dir = spec.output_path;
    if (artifact_dir.find("://") == std::string::npos) {
        if (artifact_dir.empty() || std::filesystem::path{artifact_dir}.is_relative()) {
            invocation.logger().log(
                LogLevel::warning,
                "Artifact/output path is not defined or is local and relative, artifacts will "
                "not be visible in the UI: {\"output_path\":\"" +
                    spec.output_path + "\"}");
        }
        artifact_dir =
            std::filesystem::absolute(artifact_dir.empty() ? std::filesystem::path{options.context}
                                                           : std::filesystem::path{artifact_dir})
                .lexically_normal()
                .string();
    }

    // The function record, versioned by content, and the code's git state.
    auto& db = invocation.run_db();
    const auto code_dir = resolved.code_file.empty()
                              ? std::filesystem::path{options.context}
                              : std::filesystem::absolute(resolved.code_file).parent_path();
    if (const auto repository = git::inspect(code_dir)) {
        run.status.commit = repository->message;
        metadata.annotations["mlrun/commit"] = repository->commit;
        metadata.annotations["mlrun/dirty"] = repository->dirty ? "true" : "false";
        if (!repository->remote.empty()) {  // as MLRun: no remote, no code origin
            resolved.function.spec.build["code_origin"] =
                repository->remote + "#" + repository->commit;
        }
    }
    const auto hash = db.store_function(
        launcher::recorded_function(resolved.function, metadata.project,
                                    metadata.labels.value("kind", std::string{"local"})),
        metadata.project, "latest");
    spec.function = metadata.project + "/" + function_name + "@" + hash;

    // What to execute.
    launcher::LocalTask task;
    task.environment = environment;
    // The function's env reaches its run, as in MLRun's local runtime (the function's value
    // wins); entries from secrets or fields (valueFrom) exist only on a cluster.
    for (const auto& entry : resolved.function.env_list()) {
        const auto name = entry.value("name", std::string{});
        const auto value = entry.find("value");
        if (!name.empty() && value != entry.end() && !value->is_null()) {
            task.environment[name] = value->is_string() ? value->get<std::string>() : value->dump();
        }
    }
    if (!inline_secrets.empty()) {
        task.environment["MLRUN_NATIVE_INLINE_SECRETS"] = inline_secrets.dump();
    }
    task.dbpath = config.dbpath();
    task.python = config::lookup(environment, "MLRUN_PYTHON").value_or("python3");
    task.working_directory =
        options.workdir.empty() ? std::filesystem::path{} : std::filesystem::path{options.workdir};
    if (options.timeout > 0) {
        task.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(options.timeout * 1000));
    }
    std::vector<std::string> args = launcher::split_command(url_args);
    args.insert(args.end(), options.run_args.begin(), options.run_args.end());
    for (auto& arg : args) {
        arg = launcher::format_with_parameters(arg, spec.parameters);
    }
    if (!options.command.empty() || options.mode == "pass") {
        task.mode = launcher::ExecutionMode::pass;
        const auto command_line = options.command.empty() ? url_file : options.command;
        if (command_line.empty()) {
            throw Error("--mode pass needs a command: mlrun run --mode pass 'PROGRAM ARGS'",
                        ErrorKind::usage);
        }
        task.command = launcher::split_command(
            launcher::format_with_parameters(command_line, spec.parameters));
        task.command.insert(task.command.end(), args.begin(), args.end());
        resolved.function.spec.mode = "pass";
    } else if (resolved.code_file.empty()) {
        if (handler.find('.') == std::string::npos) {
            throw Error("nothing to run", ErrorKind::usage,
                        "give a code file (mlrun run train.py --handler train), -f FUNCTION, "
                        "--handler pkg.module.func or --command 'PROGRAM ARGS'");
        }
        task.mode = launcher::ExecutionMode::module_handler;
        task.handler = handler;
    } else if (!handler.empty()) {
        task.mode = launcher::ExecutionMode::handler;
        task.code_file = std::filesystem::absolute(resolved.code_file).string();
        task.handler = handler;
    } else {
        task.mode = launcher::ExecutionMode::script;
        task.code_file = std::filesystem::absolute(resolved.code_file).string();
        task.args = args;
    }
    if (task.mode != launcher::ExecutionMode::pass) {
        task.python_runtime = launcher::install_python_runtime(python_cache(invocation));
    }
    // The opt-in cache: the same code, spec, handler, parameters and inputs as a completed run
    // whose artifacts are intact record that run's results instead of running again.
    const auto cache_setting = util::to_lower(config.text("run.cache"));
    const bool use_cache =
        !options.no_cache &&
        (options.cache || (config.flag("run.cache") && cache_setting != "false" &&
                           cache_setting != "0" && cache_setting != "no"));
    if (use_cache && !spec.hyperparams.empty()) {
        invocation.logger().log(LogLevel::info, "--cache: hyper-parameter runs are not cached");
    } else if (use_cache) {
        const auto key = launcher::run_cache_key(resolved.function, resolved.code_file, run, args);
        const auto lookup = launcher::find_cached_run(db, metadata.project, key, metadata.name);
        if (options.explain) {
            invocation.err() << "cache " << lookup.explanation << "\n";
        }
        metadata.labels[launcher::cache_key_label] = key.key;
        metadata.annotations[launcher::cache_parts_annotation] = key.parts.dump();
        if (lookup.hit) {
            const auto cached = launcher::cached_run(*lookup.hit, run);
            db.store_run(cached);
            db.append_log(metadata.project, metadata.uid,
                          "cached: the results of run " + lookup.hit->metadata.uid +
                              " (mlrun run --cache; nothing was run)\n");
            invocation.logger().log(LogLevel::info,
                                    "Run execution finished: {\"name\":\"" + metadata.name +
                                        "\",\"status\":\"completed\",\"cached_from\":\"" +
                                        lookup.hit->metadata.uid + "\"}");
            print_result(cached, options, invocation);
            return;
        }
    } else if (options.explain) {
        invocation.err() << "cache off: pass --cache, or set run.cache (MLRUN_RUN__CACHE=true)\n";
    }
    task.run = run;
    task.artifact_path = artifact_dir;

    auto& log = invocation.logger();
    log.log(LogLevel::info, "Storing function: {\"db\":\"" + db.location() + "\",\"name\":\"" +
                                metadata.name + "\",\"uid\":\"" + metadata.uid + "\"}");
    if (options.verbose) {
        log.log(LogLevel::info, "Run: " + model::to_json(run).dump());
    }
    const bool machine = invocation.output().is_machine_readable();
    cli::StreamRunOutput output{machine ? invocation.err() : invocation.out(), invocation.err()};
    cli::CooperativeInterrupts cooperative;
    const launcher::HyperRun hyper{options.max_parallel,
                                   [&] { return invocation.open_run_db_connection(); }};
    const auto result =
        spec.hyperparams.empty()
            ? launcher::execute_local(task, db, output, &cli::interrupt_requested())
            : launcher::execute_hyper(task, hyper, db, output, &cli::interrupt_requested());
    output.end_lines();
    log.log(LogLevel::info, "Run execution finished: {\"name\":\"" + metadata.name +
                                "\",\"status\":\"" +
                                std::string{model::to_string(result.status.state)} + "\"}");
    if (!options.result_file.empty()) {
        // For the workflow that runs this step: its artifacts' store:// URIs beside the record.
        auto finished = model::to_json(result);
        finished["status"]["artifact_uris"] = result.artifact_uris();
        util::write_file_atomically(options.result_file, finished.dump());
    }
    print_result(result, options, invocation);
    if (cli::interrupt_requested().load()) {
        throw Error("run '" + metadata.uid + "' aborted", ErrorKind::interrupted);
    }
    if (result.status.state != model::RunState::completed) {
        throw Error("Runtime error: " + result.status.error, ErrorKind::failed,
                    "see the log: mlrun logs " + metadata.uid + " -p " + metadata.project);
    }
}

}  // namespace

void add_run(CLI::App& command, cli::Invocation& invocation)
{
    auto o = std::make_shared<Options>();
    command.allow_extras();  // unknown --flags and ARGS after the URL go to the code, as in MLRun
    command.add_option("url", o->url, "Code to run: 'file.py [args]' (script or --handler module)")
        ->type_name("URL");
    command.add_option("run_args", o->run_args, "Arguments for the code")->type_name("ARGS");
    const auto multi = [&](const std::string& names, std::vector<std::string>& values,
                           const std::string& help, const std::string& type) {
        command.add_option(names, values, help)->type_name(type)->allow_extra_args(false);
    };
    multi("-p,--param", o->params,
          "Run parameter key=value (value parsed as a Python literal); repeatable", "KEY=VALUE");
    multi("-i,--inputs", o->inputs, "Input key=path|url|store://...; repeatable", "KEY=PATH");
    multi("-o,--outputs", o->outputs, "Expected output key; repeatable", "KEY");
    command.add_option("--in-path", o->in_path, "Default folder for relative input paths")
        ->type_name("PATH");
    command
        .add_option("--out-path", o->out_path,
                    "Artifact path (default $MLRUN_ARTIFACT_PATH, else ./artifacts)")
        ->type_name("PATH");
    multi("-s,--secrets", o->secrets,
          "Secret source kind=source (env=A,B | file=path | inline=...)", "KIND=SOURCE");
    command.add_option("--uid", o->uid, "Run uid (default: generated)")->type_name("UID");
    command.add_option("--name", o->name, "Run name")->type_name("NAME");
    command.add_option("--workflow", o->workflow, "Workflow id (label)")->type_name("ID");
    command
        .add_option("--project", o->project, "Project (default: the configured default project)")
        ->type_name("NAME");
    cli::add_db_option(command, invocation);
    command.add_option("-r,--runtime", o->runtime, "Function spec dict (pipelines)")
        ->type_name("DICT");
    command.add_flag("--kfp", o->kfp, "Running inside a Kubeflow pipeline (ignored)");
    multi("-x,--hyperparam", o->hyperparams, "Hyper-parameter key=[values]; repeatable",
          "KEY=LIST");
    command.add_option("--param-file", o->param_file, "CSV or JSON file of hyper-parameter values")
        ->type_name("FILE");
    command
        .add_option("--selector", o->selector, "Best-iteration selector: max.RESULT or min.RESULT")
        ->type_name("SELECTOR");
    command.add_option("--hyper-param-strategy", o->hyper_strategy, "grid, list or random")
        ->type_name("STRATEGY");
    command.add_option("--hyper-param-options", o->hyper_options, "Hyper-parameter options dict")
        ->type_name("DICT");
    command
        .add_option(
            "-f,--func-url", o->func_url,
            "Function: FILE.yaml, '.', db://[project/]name[:tag], or a project function name")
        ->type_name("FUNCTION");
    command.add_option("--task", o->task, "Run template (task) YAML to start from")
        ->type_name("FILE");
    command
        .add_option("--handler", o->handler, "Handler to call: func, module.func or Class::method")
        ->type_name("HANDLER");
    command.add_option("--mode", o->mode, "pass: run the command as is (any program)")
        ->type_name("MODE");
    command.add_option("--schedule", o->schedule, "Cron schedule (needs an MLRun API server)")
        ->type_name("CRON");
    command.add_flag("--from-env", o->from_env,
                     "Read the run from MLRUN_EXEC_CONFIG (inside job pods)");
    command.add_flag("--dump", o->dump, "Print the run object (YAML) when done");
    command
        .add_option("--image", o->image, "Container image (recorded; local runs use this machine)")
        ->type_name("IMAGE");
    command.add_option("--kind", o->kind, "Runtime kind (local; others need an MLRun API server)")
        ->type_name("KIND");
    command.add_option("--source", o->source, "Code source archive or git URL (recorded)")
        ->type_name("SOURCE");
    command.add_flag("--local", o->local,
                     "Run on this machine even if the function's kind is remote");
    command.add_flag("--auto-mount", o->auto_mount,
                     "Apply auto-mount (Kubernetes; ignored locally)");
    command.add_option("--workdir", o->workdir, "Working directory of the run")->type_name("DIR");
    command.add_option("--origin-file", o->origin_file, "Original file name (internal)")
        ->type_name("FILE");
    command
        .add_option("--recorded-kind", o->recorded_kind,
                    "The kind label recorded (internal: jobs mlrun serve runs here)")
        ->type_name("KIND")
        ->group("");
    command.add_option("--result-file", o->result_file, "Write the finished run here (internal)")
        ->type_name("FILE")
        ->group("");
    multi("--label", o->labels, "Run label key=value; repeatable", "KEY=VALUE");
    command.add_flag("-w,--watch", o->watch, "Follow the run's log (local runs always stream it)");
    command.add_flag("--verbose", o->verbose, "Verbose run (handlers log at debug level)");
    command.add_flag("--scrape-metrics", o->scrape_metrics, "Record run metrics");
    cli::add_env_file_option(command, invocation);
    command.add_flag("--auto-build", o->auto_build,
                     "Build the image first if needed (remote kinds)");
    command.add_flag("--cache", o->cache,
                     "Reuse the results of a completed run of the same code, spec, handler, "
                     "parameters and inputs (also: run.cache in the configuration)");
    command.add_flag("--no-cache", o->no_cache, "Run even when run.cache is on");
    command.add_flag("--explain", o->explain,
                     "Say whether the cache hit, and on a miss what changed (stderr)");
    command.add_flag("--ensure-project", o->ensure_project,
                     "Create the --project if it does not exist");
    multi("--returns", o->returns, "How to log returned values: KEY[:TYPE] per value; repeatable",
          "HINT");
    command
        .add_option("--command", o->command,
                    "Run any program (implies --mode pass), e.g. --command 'bash run.sh {p}'")
        ->type_name("COMMAND");
    command.add_option("--context", o->context, "Project folder for -f NAME (default .)")
        ->type_name("DIR");
    command.add_option("--timeout", o->timeout, "Abort the run after SECONDS")
        ->type_name("SECONDS")
        ->check(cli::seconds());
    command
        .add_option("--max-parallel", o->max_parallel,
                    "Hyper-parameter iterations at once (default 1)")
        ->type_name("N")
        ->check(cli::whole_number(1, 1024));
    cli::add_output_option(command, invocation);
    command.callback([o, &command, &invocation] {
        auto options = *o;
        for (const auto& extra : command.remaining()) {
            if (extra != "--") {
                options.run_args.push_back(extra);
            }
        }
        execute(options, invocation);
    });
}

}  // namespace mlrun::commands

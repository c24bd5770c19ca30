// `mlrun build [FUNC_URL]`: a function's container image. The build context (Dockerfile,
// requirements, source) is MLRun's builder's; it is built here with podman, buildah or docker,
// or on an MLRun API's builder, whose log is followed to the end.

#include <unistd.h>

#include "cli/interrupt.hpp"
#include "cli/shared_options.hpp"
#include "commands/build/build_common.hpp"
#include "commands/commands.hpp"
#include "lib/archive/extract.hpp"
#include "lib/build/builder.hpp"
#include "lib/build/context.hpp"
#include "lib/build/plan.hpp"
#include "lib/error.hpp"
#include "lib/launcher/process.hpp"
#include "lib/store/api_service.hpp"
#include "lib/store/open_run_db.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/files.hpp"
#include "lib/version.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string url, name, project, tag, image, source, base_image, secret_name, archive, runtime;
    std::vector<std::string> commands;
    std::string builder;
    std::string state_file = "/tmp/state", image_file = "/tmp/image",
                full_image_file = "/tmp/fullimage";
    bool silent = false, with_mlrun = false, kfp = false, skip = false, ensure = false,
         dry_run = false, local = false;
};

// A temporary folder removed with this object.
class TempFolder
{
public:
    TempFolder() { m_path = util::create_temp_dir("mlrun-build-"); }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// A setting's text, or `fallback` when it is unset or empty.
std::string setting(const config::Config& config, std::string_view key, const std::string& fallback)
{
    auto value = config.text(key);
    return value.empty() ? fallback : value;
}

build::BuildSettings settings_of(const Options& options, cli::Invocation& invocation)
{
    const auto& config = invocation.server_config();
    build::BuildSettings settings;
    settings.with_mlrun = options.with_mlrun;
    settings.mlrun_version = std::string{build_info().mlrun_version};
    settings.mlrun_specifier = setting(config, "httpdb.builder.mlrun_version_specifier", "");
    settings.package_path = setting(config, "package_path", "mlrun");
    settings.pip_version = setting(config, "httpdb.builder.pip_version", "~=23.0");
    settings.default_base_image = setting(config, "default_base_image", "mlrun/mlrun");
    settings.docker_registry = setting(config, "httpdb.builder.docker_registry", "");
    settings.context = ".";
    return settings;
}

model::Function target_function(const Options& options, cli::Invocation& invocation)
{
    auto url = options.url;
    if (url.starts_with("db://") && url.find('/', 5) == std::string::npos) {
        // Port note (cli.md §6): MLRun strips db:// and reads a file; db:// means the store.
        url = "db://" + invocation.project_or_default(options.project) + "/" + url.substr(5);
    }
    auto function = load_target_function(url, options.runtime, invocation);
    if (!options.name.empty()) {
        function.metadata.name = options.name;
    }
    if (!options.project.empty()) {
        function.metadata.project = options.project;
    }
    function.metadata.project = invocation.project_or_default(function.metadata.project);
    if (!options.tag.empty()) {
        function.metadata.tag = options.tag;
    }
    const auto kind = function.effective_kind();
    if (kind == "local" || kind == "handler") {
        throw Error("Function does not have a deploy() method", ErrorKind::failed,
                    "kind " + kind + " runs on this machine: it has no image to build");
    }
    if (kind == "remote" || kind == "nuclio" || kind == "serving" || kind.starts_with("nuclio:")) {
        throw Error("function " + function.metadata.name + " is a " + kind +
                        " function: Nuclio builds and deploys it",
                    ErrorKind::usage, "use 'mlrun deploy'");
    }
    if (!function.spec.build.is_object()) {
        function.spec.build = Json::object();
    }
    auto& build = function.spec.build;
    if (!options.image.empty()) {
        build["image"] = options.image;
    }
    if (!options.base_image.empty()) {
        build["base_image"] = options.base_image;
    }
    if (!options.commands.empty()) {
        build["commands"] = options.commands;  // replaces, as in MLRun
    }
    if (!options.secret_name.empty()) {
        build["secret"] = options.secret_name;
    }
    apply_source(function, options.source);
    return function;
}

void write_kfp_files(const Options& options, const std::string& state, const std::string& image,
                     cli::Invocation& invocation)
{
    if (!options.kfp) {
        return;
    }
    invocation.out() << "Full image path =  " << image << "\n";
    util::write_file_atomically(options.state_file, state);
    util::write_file_atomically(options.image_file, image);
    util::write_file_atomically(options.full_image_file, image);
}

// MLRun's --archive DIR|URL: the source packed as <archive>/src-<project>-<name>-<tag>.tar.gz,
// then built from there. Only local folders are written here.
void archive_source(const Options& options, model::Function& function)
{
    const auto& archive = options.archive;
    if (archive.find("://") != std::string::npos) {
        throw Error("uploading the source to " + archive + " needs MLRun's data stores",
                    ErrorKind::failed,
                    "give a local folder, or --archive FILE.tar.gz to write the build context");
    }
    auto source = function.spec.build.value("source", std::string{"./"});
    if (source.empty() || source == ".") {
        source = "./";
    }
    if (!std::filesystem::is_directory(source)) {
        throw Error("--archive packs a source folder; " + source + " is not one", ErrorKind::usage);
    }
    const auto target =
        std::filesystem::path{archive} /
        ("src-" + function.metadata.project + "-" + function.metadata.name + "-" +
         (function.metadata.tag.empty() ? "latest" : function.metadata.tag) + ".tar.gz");
    std::filesystem::create_directories(archive);
    archive::pack_tar_gz(source, target);
    function.spec.build["source"] = std::filesystem::absolute(target).lexically_normal().string();
}

void record(cli::Invocation& invocation, model::Function function, const std::string& state,
            const std::string& image)
{
    if (!image.empty()) {
        function.spec.image = image;
    }
    function.status["state"] = state;
    auto& db = invocation.run_db();
    db.store_function(function, function.metadata.project,
                      function.metadata.tag.empty() ? "latest" : function.metadata.tag);
}

void build_locally(const Options& options, model::Function function, const build::BuildPlan& plan,
                   cli::Invocation& invocation)
{
    auto& out = invocation.out();
    auto& log = invocation.logger();
    if (!plan.needs_build()) {
        log.log(LogLevel::info, "Nothing to build (no source, commands or requirements): the "
                                "function runs on " +
                                    plan.base_image);
        record(invocation, function, "ready", plan.base_image);
        out << "Function built, state=ready image=" << plan.base_image << "\n";
        write_kfp_files(options, "ready", plan.base_image, invocation);
        return;
    }
    const auto& environment = invocation.effective_environment();
    const auto builder =
        build::find_builder(options.builder, config::lookup(environment, "PATH").value_or(""));
    if (!builder) {
        throw Error(options.builder.empty()
                        ? std::string{"no image builder found on PATH (podman, buildah or docker)"}
                        : options.builder + " is not installed (not found on PATH)",
                    ErrorKind::failed,
                    "install one (apt-get install podman), build on an MLRun API (MLRUN_DBPATH), "
                    "or write the context with --archive ctx.tar.gz and build it elsewhere");
    }
    launcher::ProcessLimits limits{.cancel = &cli::interrupt_requested()};
    if (options.skip) {
        const auto outcome =
            launcher::run_process({build::image_exists_command(*builder, plan.image), environment},
                                  {[](std::string_view) {}, [](std::string_view) {}}, limits);
        if (outcome.exit_code == 0) {
            out << "Function already built (--skip): image=" << plan.image << "\n";
            record(invocation, function, "ready", plan.image);
            write_kfp_files(options, "ready", plan.image, invocation);
            return;
        }
    }
    TempFolder folder;
    const auto context = folder.path() / "context";
    const auto summary = build::write_context(plan, context, environment);
    log.log(LogLevel::info, "Building image " + plan.image + " from " + plan.base_image + " with " +
                                builder->name + " (" + std::to_string(summary.files) +
                                " files in the context)");
    std::string tail;
    const auto keep = [&](std::string_view bytes) {
        tail.append(bytes);
        if (tail.size() > 8192) {
            tail.erase(0, tail.size() - 4096);
        }
    };
    auto& err = invocation.err();
    const auto outcome = launcher::run_process(
        {build::build_command(*builder, plan, context), environment},
        {[&](std::string_view bytes) {
             keep(bytes);
             if (!options.silent) {
                 out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())).flush();
             }
         },
         [&](std::string_view bytes) {
             keep(bytes);
             if (!options.silent) {
                 err.write(bytes.data(), static_cast<std::streamsize>(bytes.size())).flush();
             }
         }},
        limits);
    if (outcome.reason == launcher::StopReason::cancelled) {
        throw Error("build of " + plan.image + " interrupted", ErrorKind::interrupted);
    }
    if (outcome.exit_code != 0) {
        record(invocation, function, "error", "");
        throw Error("build error: " + builder->name + " exited with " +
                        std::to_string(outcome.exit_code) + " building " + plan.image,
                    ErrorKind::failed,
                    options.silent ? "its last output:\n" + tail : "see its output above");
    }
    function.spec.build["image"] = plan.image;
    record(invocation, function, "ready", plan.image);
    out << "Function built, state=ready image=" << plan.image << "\n";
    write_kfp_files(options, "ready", plan.image, invocation);
}

void build_remotely(const Options& options, const model::Function& function,
                    cli::Invocation& invocation)
{
    auto& db = store::require_api(
        invocation.run_db(),
        "building function " + function.metadata.name + " on the API's builder",
        "set MLRUN_DBPATH to the API's URL, or build locally with podman/buildah/docker");
    auto& out = invocation.out();
    const auto answer = db.build_function(
        function, {.with_mlrun = options.with_mlrun, .skip_deployed = options.skip});
    auto built = answer.function;
    std::string state = answer.ready ? "ready" : "";
    if (!answer.ready) {
        std::size_t offset = 0, events_offset = 0;
        poll_until_done(invocation, "the build of " + function.metadata.name, [&] {
            const auto progress = db.build_status(built, offset, events_offset);
            state = progress.state;
            if (!progress.text.empty()) {
                if (!options.silent) {
                    out << progress.text << std::flush;
                }
                (progress.events ? events_offset : offset) += progress.text.size();
            }
            if (!progress.image.empty()) {
                built.spec.image = progress.image;
            }
            return state != "pending" && state != "running";
        });
    }
    if (state != "ready") {
        throw Error("build error: the build of " + function.metadata.name + " ended " +
                        (state.empty() ? std::string{"without a state"} : state),
                    ErrorKind::failed,
                    options.silent ? "run again without --silent to see the builder's log"
                                   : "see the builder's log above");
    }
    out << "Function built, state=ready image=" << built.spec.image << "\n";
    write_kfp_files(options, "ready", built.spec.image, invocation);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    auto function = target_function(options, invocation);
    const bool context_archive =
        options.archive.ends_with(".tar.gz") || options.archive.ends_with(".tgz");
    if (!options.archive.empty() && !context_archive) {
        archive_source(options, function);
    }
    const auto plan = build::plan_build(function, settings_of(options, invocation));
    if (options.dry_run) {
        invocation.out() << build::render_dockerfile(plan);
        return;
    }
    if (context_archive) {
        TempFolder folder;
        const auto context = folder.path() / "context";
        build::write_context(plan, context, invocation.effective_environment());
        const auto entries = archive::pack_tar_gz(context, options.archive);
        invocation.out() << "Build context of " << function.metadata.name << " (image "
                         << plan.image << ") written to " << options.archive << " (" << entries
                         << " entries)\n";
        return;
    }
    if (options.ensure) {
        ensure_project(invocation, function.metadata.project);
    }
    if (store::is_remote(invocation.config().dbpath()) && !options.local) {
        build_remotely(options, function, invocation);
    } else {
        build_locally(options, function, plan, invocation);
    }
}

}  // namespace

void add_build(CLI::App& command, cli::Invocation& invocation)
{
    auto o = std::make_shared<Options>();
    command
        .add_option("func_url", o->url,
                    "Function: YAML path or URL ('.' = function.yaml), db://[PROJECT/]NAME[:TAG], "
                    "hub://NAME, or a function of the project here")
        ->type_name("FUNC_URL");
    command.add_option("--name", o->name, "Function name (overrides the file's)")
        ->type_name("NAME");
    command.add_option("--project", o->project, "Project (default: the function's, else default)")
        ->type_name("NAME");
    command.add_option("--tag", o->tag, "Function tag")->type_name("TAG");
    command.add_option("-i,--image", o->image, "Target image (spec.build.image)")
        ->type_name("IMAGE");
    command
        .add_option("-s,--source", o->source,
                    "Source folder, archive or git URL; a .py file is embedded in the function")
        ->type_name("SOURCE");
    command.add_option("-b,--base-image", o->base_image, "Base image (spec.build.base_image)")
        ->type_name("IMAGE");
    command.add_option("-c,--command", o->commands, "Build command (repeatable; replaces them)")
        ->type_name("COMMAND")
        ->allow_extra_args(false);
    command.add_option("--secret-name", o->secret_name, "Registry secret (API builds)")
        ->type_name("NAME");
    command
        .add_option("-a,--archive", o->archive,
                    "FILE.tar.gz: write the build context there (no build); a folder: pack the "
                    "source there as src-PROJECT-NAME-TAG.tar.gz and build from it")
        ->type_name("PATH");
    command.add_flag("--silent", o->silent, "Do not print the builder's log");
    command.add_flag("--with-mlrun", o->with_mlrun,
                     "Install the MLRun package (pinned to the targeted version) in the image");
    cli::add_db_option(command, invocation);
    command.add_option("-r,--runtime", o->runtime, "Function as a dict literal (default kind job)")
        ->type_name("DICT");
    command.add_flag("--kfp", o->kfp, "Write the state and image files (Kubeflow steps)");
    command.add_flag("--skip", o->skip, "Do nothing when the image is already built");
    cli::add_env_file_option(command, invocation);
    command.add_flag("--ensure-project", o->ensure, "Create the project if it does not exist");
    command.add_option("--state-file-path", o->state_file, "With --kfp (default /tmp/state)")
        ->type_name("FILE");
    command.add_option("--image-file-path", o->image_file, "With --kfp (default /tmp/image)")
        ->type_name("FILE");
    command
        .add_option("--full-image-file-path", o->full_image_file,
                    "With --kfp (default /tmp/fullimage)")
        ->type_name("FILE");
    command.add_flag("--dry-run", o->dry_run, "Print the Dockerfile and stop");
    command.add_flag("--local", o->local,
                     "Build on this machine even when an MLRun API is configured");
    command
        .add_option("--builder", o->builder,
                    "Local builder: podman, buildah or docker "
                    "(default: the first installed)")
        ->type_name("NAME");
    command.callback([o, &invocation] { execute(*o, invocation); });
}

}  // namespace mlrun::commands

// Resolving the function of `mlrun build` / `mlrun deploy`.

#include "commands/build/build_common.hpp"

#include <thread>

#include "cli/interrupt.hpp"
#include "commands/log_follow.hpp"
#include "commands/project/project_common.hpp"
#include "lib/error.hpp"
#include "lib/launcher/py_literal.hpp"
#include "lib/project/function_url.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/base64.hpp"
#include "lib/util/files.hpp"

namespace mlrun::commands {

model::Function load_target_function(const std::string& url, const std::string& runtime,
                                     cli::Invocation& invocation)
{
    if (!runtime.empty()) {
        auto parsed = launcher::parse_python_literal(runtime);
        if (!parsed || !parsed->is_object()) {
            throw Error("runtime parameter must be a dict, not " + runtime, ErrorKind::failed);
        }
        if (!parsed->contains("kind")) {
            (*parsed)["kind"] = "job";
        }
        return model::function_from_json(*parsed);
    }
    if (url.empty()) {
        throw Error("Function path or url are required", ErrorKind::failed,
                    "give a function YAML, db://PROJECT/NAME, a project function's name or "
                    "--runtime '{...}'");
    }
    // The same reading of the URL as run -f and function show.
    return project::resolve_function_url(url, {}, function_tools(invocation)).function;
}

void apply_source(model::Function& function, const std::string& source)
{
    if (source.empty()) {
        return;
    }
    if (!function.spec.build.is_object()) {
        function.spec.build = Json::object();
    }
    if (source.ends_with(".py")) {
        if (!std::filesystem::is_regular_file(source)) {
            throw Error("Source file doesnt exist (" + source + ")", ErrorKind::not_found);
        }
        function.spec.build["functionSourceCode"] = util::base64_encode(util::read_file(source));
        function.spec.build["origin_filename"] = source;
        function.spec.command.clear();
        return;
    }
    function.spec.build["source"] = source;
}

void poll_until_done(cli::Invocation& invocation, const std::string& what,
                     const std::function<bool()>& poll)
{
    const auto interval = api_poll_interval(invocation.config());
    cli::CooperativeInterrupts cooperative;
    while (!poll()) {
        if (cli::interrupt_requested().load()) {
            throw Error("stopped following " + what + " (it goes on on the server)",
                        ErrorKind::interrupted);
        }
        std::this_thread::sleep_for(interval);
    }
}

void ensure_project(cli::Invocation& invocation, const std::string& project)
{
    auto& db = invocation.run_db();
    if (!db.find_project(project)) {
        model::Project created;
        created.metadata.name = project;
        db.store_project(created);
        invocation.logger().log(LogLevel::info, "Created project " + project);
    }
}

}  // namespace mlrun::commands

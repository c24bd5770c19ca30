// What the `project` verbs and `function show` share.

#include "commands/project/project_common.hpp"

#include "lib/config/env_file.hpp"
#include "lib/error.hpp"
#include "lib/launcher/python_runtime.hpp"
#include "lib/model/document.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::commands {

std::filesystem::path python_cache(cli::Invocation& invocation)
{
    const auto& environment = invocation.effective_environment();
    const auto home = config::lookup(environment, "MLRUN_HOME");
    return home && !home->empty() ? std::filesystem::path{*home}
                                  : config::expand_home("~", environment) / ".mlrun";
}

project::FunctionTools function_tools(cli::Invocation& invocation)
{
    project::FunctionTools tools;
    tools.environment = invocation.effective_environment();
    tools.funcdoc_script = launcher::install_python_runtime(python_cache(invocation)).funcdoc;
    if (const auto* hub = invocation.config().find("hub.default_source")) {
        tools.hub_source = *hub;
    }
    tools.default_project = invocation.config().default_project();
    tools.db = [&invocation] { return &invocation.run_db(); };
    return tools;
}

std::filesystem::path context_path(const std::string& given)
{
    return given.empty() ? std::filesystem::path{"."} : std::filesystem::path{given};
}

project::DirectoryProject read_context_project(const std::filesystem::path& context)
{
    if (std::filesystem::is_regular_file(context)) {
        project::DirectoryProject result;
        result.project = model::read_project(context);
        result.file = context;
        return result;
    }
    if (!project::find_project_file(context)) {
        throw Error("no project.yaml in '" + context.string() + "'", ErrorKind::not_found,
                    "pass the project folder (--context DIR), or create one with 'mlrun "
                    "project create NAME'");
    }
    return project::read_project_directory(context);
}

void save_project(cli::Invocation& invocation, const model::Project& project,
                  const std::filesystem::path& context)
{
    project::save_project(project, project::project_file_for(project, context));
    invocation.run_db().store_project(project);
}

std::size_t sync_functions(cli::Invocation& invocation, const model::Project& project,
                           const std::filesystem::path& context)
{
    auto tools = function_tools(invocation);
    auto& db = invocation.run_db();
    tools.db = [&db] { return &db; };
    std::size_t count = 0;
    for (const auto& entry : project.spec.functions) {
        auto function = project::function_from_entry(entry, project, context, tools);
        const auto tag =
            function.metadata.tag.empty() ? std::string{"latest"} : function.metadata.tag;
        db.store_function_unversioned(function, project.metadata.name, tag);
        ++count;
    }
    return count;
}

}  // namespace mlrun::commands

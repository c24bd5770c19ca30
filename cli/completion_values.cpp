#include "cli/completion_values.hpp"

#include <algorithm>
#include <filesystem>

#include "lib/model/document.hpp"
#include "lib/project/directory.hpp"
#include "lib/project/templates.hpp"
#include "lib/store/open_run_db.hpp"

namespace mlrun::cli {
namespace {

// Enough for a menu; a person rarely wants a run older than these.
constexpr std::size_t offered_runs = 200;

std::vector<std::string> run_uids(Invocation& invocation)
{
    std::vector<std::string> uids;
    if (store::is_remote(invocation.config().dbpath())) {
        return uids;
    }
    invocation.run_db().for_each_run(
        {.project = std::string{store::all_projects}, .limit = offered_runs, .summary = true},
        [&](const model::Run& run) { uids.push_back(run.metadata.uid); });
    return uids;
}

std::vector<std::string> project_names(Invocation& invocation)
{
    std::vector<std::string> names;
    if (store::is_remote(invocation.config().dbpath())) {
        return names;
    }
    auto& db = invocation.run_db();
    for (const auto& project : db.list_projects()) {
        names.push_back(project.metadata.name);
    }
    // Runs made without a project file name their project only in the run.
    db.for_each_run(
        {.project = std::string{store::all_projects}, .limit = offered_runs, .summary = true},
        [&](const model::Run& run) {
            if (std::find(names.begin(), names.end(), run.metadata.project) == names.end()) {
                names.push_back(run.metadata.project);
            }
        });
    return names;
}

std::vector<std::string> function_names()
{
    std::vector<std::string> names;
    if (const auto file = project::find_project_file(std::filesystem::current_path())) {
        for (const auto& entry : model::read_project(*file).spec.functions) {
            names.push_back(entry.name);
        }
    }
    return names;
}

std::vector<std::string> values_for(Invocation& invocation, const std::string& path,
                                    const CLI::Option& option)
{
    auto type = option.get_type_name();
    type = type.substr(0, type.find(':'));  // without the checks' descriptions
    const auto name = option.get_name();
    if (type.starts_with("UID")) {
        return run_uids(invocation);
    }
    if (option.check_lname("project")) {
        return project_names(invocation);
    }
    if (path == "get" && name == "kind") {
        return {"runs", "artifacts", "functions", "projects", "workflows"};
    }
    if (type == "KIND") {
        return {"job", "local", "handler", "nuclio", "serving", "spark", "mpijob", "dask"};
    }
    if (type == "TEMPLATE") {
        std::vector<std::string> names;
        for (const auto& info : project::list_templates()) {
            names.push_back(info.name);
        }
        return names;
    }
    if (path == "config" && name == "command") {
        return {"get", "set", "clear"};
    }
    if (option.check_lname("func-url")) {
        return function_names();
    }
    return {};
}

}  // namespace

ValueSource completion_values(Invocation& invocation)
{
    return [&invocation](const std::string& path, const CLI::Option& option) {
        try {
            return values_for(invocation, path, option);
        } catch (const std::exception&) {
            return std::vector<std::string>{};  // a broken store or project offers nothing
        }
    };
}

}  // namespace mlrun::cli

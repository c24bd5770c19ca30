// A project's folder.

#include "lib/project/directory.hpp"

#include "lib/error.hpp"
#include "lib/model/document.hpp"
#include "lib/util/files.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::project {

std::optional<std::filesystem::path> find_project_file(const std::filesystem::path& directory)
{
    for (const char* name : {"project.yaml", "project.yml"}) {
        const auto path = directory / name;
        if (std::filesystem::is_regular_file(path)) {
            return path;
        }
    }
    return std::nullopt;
}

std::filesystem::path code_path(const model::Project& project, const std::filesystem::path& context)
{
    const auto& relative =
        !project.spec.workdir.empty() ? project.spec.workdir : project.spec.subpath;
    return relative.empty() ? context : (context / relative).lexically_normal();
}

DirectoryProject read_project_directory(const std::filesystem::path& context,
                                        const std::string& subpath)
{
    const auto directory = subpath.empty() ? context : context / subpath;
    if (!std::filesystem::is_directory(directory)) {
        throw Error("project folder '" + directory.string() + "' does not exist",
                    ErrorKind::not_found);
    }
    DirectoryProject result;
    if (const auto file = find_project_file(directory)) {
        result.project = model::read_project(*file);
        result.file = *file;
    } else if (const auto function_file = [&]() -> std::optional<std::filesystem::path> {
                   for (const char* name : {"function.yaml", "function.yml"}) {
                       if (std::filesystem::is_regular_file(directory / name)) {
                           return directory / name;
                       }
                   }
                   return std::nullopt;
               }()) {
        const auto function = model::read_function(*function_file);
        result.project.metadata.name = function.metadata.project;
        model::FunctionEntry entry;
        entry.url = function_file->filename().string();
        entry.name = function.metadata.name;
        result.project.spec.functions.push_back(std::move(entry));
        result.file = *function_file;
        result.from_function = true;
    } else if (std::filesystem::is_regular_file(directory / "project_setup.py")) {
        result.file = directory / "project_setup.py";
        result.setup_only = true;
    } else {
        throw Error("project or function YAML not found in '" + directory.string() + "'",
                    ErrorKind::not_found,
                    "create one with 'mlrun project create', or pass the folder that holds "
                    "project.yaml");
    }
    result.project.spec.subpath = subpath;
    return result;
}

std::filesystem::path project_file_for(const model::Project& project,
                                       const std::filesystem::path& context)
{
    const auto directory = project.spec.subpath.empty() ? context : context / project.spec.subpath;
    if (const auto existing = find_project_file(directory)) {
        return *existing;
    }
    return directory / "project.yaml";
}

Json merge_project_document(const Json& original, const Json& before, const Json& after)
{
    if (before == after) {
        return original;
    }
    if (original.is_object() && before.is_object() && after.is_object()) {
        Json merged = Json::object();
        for (auto it = original.begin(); it != original.end(); ++it) {
            const auto& key = it.key();
            const bool was = before.contains(key);
            if (!after.contains(key)) {
                if (!was) {
                    merged[key] = it.value();  // the model does not write it (an empty list)
                }
                continue;  // removed by the change
            }
            merged[key] =
                merge_project_document(it.value(), was ? before[key] : Json{}, after[key]);
        }
        for (auto it = after.begin(); it != after.end(); ++it) {
            // New keys: those the change made, not the defaults the model adds to any file.
            if (!merged.contains(it.key()) &&
                (!before.contains(it.key()) || before[it.key()] != it.value())) {
                merged[it.key()] = it.value();
            }
        }
        return merged;
    }
    if (original.is_array() && before.is_array() && after.is_array() &&
        original.size() == before.size()) {
        // Entries by position (function lists grow at the end, and change in place).
        Json merged = Json::array();
        for (std::size_t i = 0; i < after.size(); ++i) {
            merged.push_back(i < before.size()
                                 ? merge_project_document(original[i], before[i], after[i])
                                 : after[i]);
        }
        return merged;
    }
    return after;
}

bool save_project(const model::Project& project, const std::filesystem::path& file)
{
    auto after = model::to_json(project);
    if (std::filesystem::is_regular_file(file)) {
        const auto text = util::read_file(file);
        std::optional<Json> original;
        try {
            original = yaml::parse(text, file.string());
        } catch (const Error&) {
            // Not YAML any more: written anew below.
        }
        std::optional<Json> before;
        if (original && original->is_object()) {
            try {
                before = model::to_json(model::project_from_json(*original));
            } catch (const Error&) {
                // Not a project any more: written anew below.
            }
        }
        if (before) {
            if (*before == after) {
                return false;
            }
            after = merge_project_document(*original, *before, after);
        }
    }
    util::write_file_atomically(file, yaml::dump(after));
    return true;
}

}  // namespace mlrun::project

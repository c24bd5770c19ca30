// A lint for project and function YAML files.

#include "lib/project/validate.hpp"

#include <map>
#include <regex>
#include <set>

#include "lib/error.hpp"
#include "lib/model/document.hpp"
#include "lib/model/uri.hpp"
#include "lib/project/directory.hpp"
#include "lib/project/function_builder.hpp"
#include "lib/util/base64.hpp"
#include "lib/util/files.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::project {
namespace {

const std::set<std::string> workflow_engines = {"kfp", "local", "remote", "remote:local",
                                                "remote:kfp"};

std::string known_kinds()
{
    std::string text;
    for (const char* kind : model::runtime_kinds) {
        text += (text.empty() ? "" : ", ") + std::string{kind};
    }
    return text;
}

class Checker
{
public:
    Checker(std::filesystem::path file, yaml::Locations locations)
        : m_file(std::move(file)), m_locations(std::move(locations))
    {
    }

    // A problem about the value at `pointer` (or its nearest located parent).
    void report(std::string pointer, const std::string& message, bool at_key = false)
    {
        if (at_key) {
            if (const auto it = m_locations.find(pointer + "#key"); it != m_locations.end()) {
                m_problems.push_back(
                    {m_file.string(), it->second.line, it->second.column, message});
                return;
            }
        }
        while (true) {
            if (const auto it = m_locations.find(pointer); it != m_locations.end()) {
                m_problems.push_back(
                    {m_file.string(), it->second.line, it->second.column, message});
                return;
            }
            if (pointer.empty()) {
                break;
            }
            pointer.erase(pointer.rfind('/'));
        }
        m_problems.push_back({m_file.string(), 0, 0, message});
    }

    // A warning: the value works (MLRun loads it too) but not in its documented shape.
    void warn(const std::string& pointer, const std::string& message)
    {
        report(pointer, message);
        m_problems.back().warning = true;
    }

    int line_of(const std::string& pointer) const
    {
        const auto it = m_locations.find(pointer);
        return it == m_locations.end() ? 0 : it->second.line;
    }

    std::vector<Problem> take() { return std::move(m_problems); }

private:
    std::filesystem::path m_file;
    yaml::Locations m_locations;
    std::vector<Problem> m_problems;
};

const Json* member(const Json& object, const char* key)
{
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string text_member(const Json& object, const char* key)
{
    const auto* value = member(object, key);
    return value != nullptr && value->is_string() ? value->get<std::string>() : "";
}

bool is_local_reference(const std::string& url)
{
    return !url.empty() && url.find("://") == std::string::npos;
}

// `url` resolved against the code path: MLRun strips leading '.' and '/' for workflow paths.
std::filesystem::path resolve(const std::filesystem::path& base, const std::string& url)
{
    if (std::filesystem::path{url}.is_absolute()) {
        return url;
    }
    return (base / url).lexically_normal();
}

// Checks the field types the way loading would; reports the first shape error.
template <typename Load> void check_shape(Checker& checker, Load&& load)
{
    try {
        load();
    } catch (const Error& error) {
        std::string message = error.what();
        std::string pointer;
        // "field 'spec.functions[2].requirements' must be ..." -> /spec/functions/2/requirements
        static const std::regex field{R"(field '([^']+)')"};
        std::smatch match;
        if (std::regex_search(message, match, field)) {
            for (const char c : match[1].str()) {
                if (c == '.' || c == '[') {
                    pointer += '/';
                } else if (c != ']') {
                    pointer += c;
                }
            }
            pointer.insert(0, "/");
        }
        checker.report(pointer, message);
    }
}

void check_handler(Checker& checker, const std::string& pointer, const std::string& handler,
                   const std::filesystem::path& code_file, const std::string& shown)
{
    std::error_code error;
    if (handler.empty() || !std::filesystem::is_regular_file(code_file, error)) {
        return;
    }
    const auto code = util::read_file(code_file);
    if (!defines_function(code, handler)) {
        checker.report(pointer,
                       "handler '" + handler + "' is not a top-level function of " + shown);
    }
}

void check_function_entry(Checker& checker, const Json& entry, const std::string& pointer,
                          const std::filesystem::path& base,
                          std::map<std::string, std::string>& seen)
{
    if (!entry.is_object()) {
        return;  // reported by the shape check
    }
    const auto name = text_member(entry, "name");
    const auto url = text_member(entry, "url");
    const auto kind = text_member(entry, "kind");
    const auto handler = text_member(entry, "handler");
    const auto* spec = member(entry, "spec");
    if (name.empty()) {
        checker.report(pointer, "function entry has no name");
    } else {
        const auto tag = text_member(entry, "tag");
        const auto key = model::normalize_name(name) + (tag.empty() ? "" : ":" + tag);
        if (const auto it = seen.find(key); it != seen.end()) {
            checker.report(pointer + "/name",
                           "duplicate function name '" + name + "' (first at " + it->second + ")");
        } else {
            seen[key] = "line " + std::to_string(checker.line_of(pointer + "/name"));
        }
    }
    if (!kind.empty() && !model::is_runtime_kind(kind)) {
        checker.report(pointer + "/kind",
                       "unknown function kind '" + kind + "' (known: " + known_kinds() + ")");
    }
    if (spec != nullptr) {
        return;
    }
    if (url.empty()) {
        const auto effective = kind.empty() ? "job" : kind;
        const bool image_only =
            (kind == "remote" || kind == "nuclio" || kind == "serving" || kind == "application") &&
            !text_member(entry, "image").empty();
        if (!is_module_handler(handler, effective) && !image_only) {
            checker.report(pointer, "function '" + name +
                                        "' has no url, no spec and no module handler "
                                        "(pkg.module.func)");
        }
        return;
    }
    if (url.starts_with("hub://")) {
        try {
            (void)model::parse_hub_uri(url);
        } catch (const Error& error) {
            checker.report(pointer + "/url", error.what());
        }
        return;
    }
    if (url.starts_with("db://")) {
        try {
            (void)model::parse_db_uri(url);
        } catch (const Error& error) {
            checker.report(pointer + "/url", error.what());
        }
        return;
    }
    if (!is_local_reference(url)) {
        return;  // s3://, http(s)://...: not checked offline
    }
    const auto path = resolve(base, url);
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        checker.report(pointer + "/url", "file '" + url + "' of function '" + name +
                                             "' not found (looked for " + path.string() + ")");
        return;
    }
    if (url.ends_with(".yaml") || url.ends_with(".yml")) {
        try {
            (void)model::read_function(path);
        } catch (const Error& failure) {
            checker.report(pointer + "/url", failure.what());
        }
    } else if (url.ends_with(".py") && !is_module_handler(handler, kind.empty() ? "job" : kind)) {
        check_handler(checker, pointer + "/handler", handler, path, url);
    } else if (!url.ends_with(".py") && !url.ends_with(".ipynb")) {
        checker.report(pointer + "/url",
                       "function url '" + url + "' is not a .py, .ipynb or function YAML file");
    }
}

void check_workflow(Checker& checker, const Json& workflow, const std::string& pointer,
                    const std::filesystem::path& base, std::set<std::string>& seen)
{
    if (!workflow.is_object()) {
        return;
    }
    const auto name = text_member(workflow, "name");
    if (name.empty()) {
        checker.report(pointer, "workflow \"name\" must be specified");
    } else if (!seen.insert(name).second) {
        checker.report(pointer + "/name", "duplicate workflow name '" + name + "'");
    }
    const auto path = text_member(workflow, "path");
    const auto code = text_member(workflow, "code");
    const auto engine = text_member(workflow, "engine");
    const auto handler = text_member(workflow, "handler");
    if (path.empty() && code.empty()) {
        checker.report(pointer, "workflow source \"path\" or \"code\" must be specified");
    }
    if (!engine.empty() && !workflow_engines.contains(engine)) {
        checker.report(pointer + "/engine",
                       "unknown workflow engine '" + engine +
                           "' (known: kfp, local, remote, remote:local, remote:kfp)");
    }
    if (engine == "local" && !text_member(workflow, "schedule").empty()) {
        checker.report(pointer + "/schedule",
                       "a workflow with the local engine cannot be scheduled");
    }
    if (const auto* schema = member(workflow, "args_schema"); schema && schema->is_array()) {
        for (std::size_t i = 0; i < schema->size(); ++i) {
            if (text_member((*schema)[i], "name").empty()) {
                checker.report(pointer + "/args_schema/" + std::to_string(i),
                               "workflow argument has no name");
            }
        }
    }
    std::string source = code;
    if (!path.empty() && is_local_reference(path)) {
        auto stripped = path;
        while (!stripped.empty() && (stripped.front() == '.' || stripped.front() == '/')) {
            stripped.erase(0, 1);
        }
        const auto file = std::filesystem::path{path}.is_absolute() ? std::filesystem::path{path}
                                                                    : resolve(base, stripped);
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            checker.report(pointer + "/path", "workflow file '" + path + "' of workflow '" + name +
                                                  "' not found (looked for " + file.string() + ")");
            return;
        }
        source = util::read_file(file);
    }
    if (source.empty()) {
        return;
    }
    if (!handler.empty()) {
        if (!defines_function(source, handler)) {
            checker.report(pointer + "/handler", "handler '" + handler +
                                                     "' is not a top-level function of the "
                                                     "workflow '" +
                                                     name + "'");
        }
    } else if (!defines_function(source, "kfpipeline") && !defines_function(source, "pipeline")) {
        checker.report(pointer, "workflow '" + name +
                                    "' defines neither kfpipeline() nor pipeline(): set its "
                                    "handler");
    }
}

void check_artifact(Checker& checker, const Json& artifact, const std::string& pointer,
                    const std::filesystem::path& base)
{
    if (!artifact.is_object()) {
        checker.report(pointer, "artifact entry must be a mapping");
        return;
    }
    if (const auto import_from = text_member(artifact, "import_from"); !import_from.empty()) {
        if (is_local_reference(import_from)) {
            std::error_code error;
            if (!std::filesystem::exists(resolve(base, import_from), error)) {
                checker.report(pointer + "/import_from",
                               "artifact import file '" + import_from + "' not found");
            }
        }
        return;
    }
    const auto* metadata = member(artifact, "metadata");
    const auto key =
        metadata != nullptr ? text_member(*metadata, "key") : text_member(artifact, "key");
    if (key.empty()) {
        checker.report(pointer, "artifacts \"metadata.key\" must be specified");
        return;
    }
    static const std::regex key_pattern{"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"};
    if (!std::regex_match(key, key_pattern)) {
        checker.report(pointer + (metadata ? "/metadata/key" : "/key"),
                       "artifact key '" + key +
                           "' is malformed (letters, digits, '-', '_' and '.'; starting and "
                           "ending with a letter or digit)");
    }
}

void check_project(Checker& checker, const Json& data, const std::filesystem::path& context)
{
    model::Project project;
    bool loaded = false;
    check_shape(checker, [&] {
        project = model::project_from_json(data);
        loaded = true;
    });
    const std::string spec_pointer = project.legacy_format ? "" : "/spec";
    const Json empty = Json::object();
    const Json& spec = project.legacy_format ? data : (member(data, "spec") ? data["spec"] : empty);
    if (loaded) {
        if (project.metadata.name.empty()) {
            checker.report(project.legacy_format ? "" : "/metadata",
                           "metadata.name is missing: the project loads only with -n NAME");
        } else if (const auto problem = model::project_name_error(project.metadata.name);
                   !problem.empty()) {
            checker.report(project.legacy_format ? "/name" : "/metadata/name", problem);
        }
        const auto& state = project.spec.desired_state;
        if (!state.empty() && state != "online" && state != "offline" && state != "archived") {
            checker.report(spec_pointer + "/desired_state",
                           "desired_state must be online, offline or archived, not '" + state +
                               "'");
        }
    }
    const auto base = code_path(project, context);
    if (const auto* functions = member(spec, "functions"); functions && functions->is_array()) {
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < functions->size(); ++i) {
            check_function_entry(checker, (*functions)[i],
                                 spec_pointer + "/functions/" + std::to_string(i), base, seen);
        }
    }
    if (const auto* workflows = member(spec, "workflows"); workflows && workflows->is_array()) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < workflows->size(); ++i) {
            check_workflow(checker, (*workflows)[i],
                           spec_pointer + "/workflows/" + std::to_string(i), base, seen);
        }
    }
    if (const auto* artifacts = member(spec, "artifacts"); artifacts && artifacts->is_array()) {
        for (std::size_t i = 0; i < artifacts->size(); ++i) {
            check_artifact(checker, (*artifacts)[i],
                           spec_pointer + "/artifacts/" + std::to_string(i), base);
        }
    }
}

void check_function(Checker& checker, const Json& data, const std::filesystem::path& directory)
{
    model::Function function;
    bool loaded = false;
    check_shape(checker, [&] {
        function = model::function_from_json(data);
        loaded = true;
    });
    if (!loaded) {
        return;
    }
    if (!function.kind.empty() && !model::is_runtime_kind(function.kind)) {
        checker.report("/kind", "unknown function kind '" + function.kind +
                                    "' (known: " + known_kinds() + ")");
    }
    if (function.metadata.name.empty()) {
        checker.report("/metadata", "metadata.name is missing");
    }
    if (function.spec.env.is_object()) {
        checker.warn("/spec/env",
                     "spec.env is a name -> value mapping; MLRun loads it, but documents a list of "
                     "{name, value} (both work here: the variables reach the run and the image)");
    }
    const auto& handler = function.spec.default_handler;
    const auto kind = function.effective_kind();
    const auto code = function.spec.build.find("functionSourceCode");
    if (code != function.spec.build.end() && code->is_string()) {
        std::string source;
        try {
            source = util::base64_decode(code->get<std::string>());
        } catch (const Error&) {
            checker.report("/spec/build/functionSourceCode",
                           "functionSourceCode is not valid base64");
            return;
        }
        if (!handler.empty() && !is_module_handler(handler, kind) &&
            !defines_function(source, handler)) {
            checker.report("/spec/default_handler", "handler '" + handler +
                                                        "' is not a top-level function of the "
                                                        "embedded code");
        }
        return;
    }
    const auto& command = function.spec.command;
    const auto file = command.substr(0, command.find(' '));
    if (file.ends_with(".py") && is_local_reference(file) &&
        !std::filesystem::path{file}.is_absolute()) {
        const auto path = resolve(directory, file);
        std::error_code error;
        if (!std::filesystem::is_regular_file(path, error)) {
            checker.report("/spec/command",
                           "code file '" + file + "' not found (looked for " + path.string() + ")");
        } else if (!is_module_handler(handler, kind)) {
            check_handler(checker, "/spec/default_handler", handler, path, file);
        }
    }
}

}  // namespace

std::string Problem::to_string() const
{
    const std::string text = (warning ? "warning: " : "") + message;
    if (line == 0) {
        return file + ": " + text;
    }
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + text;
}

bool defines_function(const std::string& code, const std::string& name)
{
    std::size_t start = 0;
    while (start < code.size()) {
        auto end = code.find('\n', start);
        if (end == std::string::npos) {
            end = code.size();
        }
        std::string_view line{code.data() + start, end - start};
        if (line.starts_with("async ")) {
            line.remove_prefix(6);
            while (line.starts_with(" ") || line.starts_with("\t")) {
                line.remove_prefix(1);
            }
        }
        if (line.starts_with("def ") || line.starts_with("def\t")) {
            line.remove_prefix(4);
            while (line.starts_with(" ") || line.starts_with("\t")) {
                line.remove_prefix(1);
            }
            if (line.starts_with(name)) {
                line.remove_prefix(name.size());
                while (line.starts_with(" ") || line.starts_with("\t")) {
                    line.remove_prefix(1);
                }
                if (line.starts_with("(")) {
                    return true;
                }
            }
        }
        start = end + 1;
    }
    return false;
}

std::vector<Problem> validate_file(const std::filesystem::path& file,
                                   const std::filesystem::path& context)
{
    std::string text;
    try {
        text = util::read_file(file);
    } catch (const Error& error) {
        return {{file.string(), 0, 0, error.what()}};
    }
    yaml::Locations locations;
    Json data;
    try {
        data = yaml::parse(text, file.string(), &locations);
    } catch (const Error& error) {
        // The message already starts with file:line:col.
        std::string message = error.what();
        static const std::regex located{R"(^(.*):(\d+):(\d+): (.*)$)"};
        std::smatch match;
        if (std::regex_match(message, match, located)) {
            return {{match[1].str(), std::stoi(match[2].str()), std::stoi(match[3].str()),
                     match[4].str()}};
        }
        return {{file.string(), 0, 0, message}};
    }
    Checker checker{file, std::move(locations)};
    if (data.is_null()) {
        checker.report("", "the file is empty (no YAML document)");
        return checker.take();
    }
    model::DocumentKind kind{};
    try {
        kind = model::classify(data);
    } catch (const Error& error) {
        checker.report("", error.what());
        return checker.take();
    }
    if (kind == model::DocumentKind::project) {
        check_project(checker, data, context);
    } else if (kind == model::DocumentKind::function) {
        check_function(checker, data, file.has_parent_path() ? file.parent_path() : ".");
    } else {
        checker.report("", "a " + std::string{model::to_string(kind)} +
                               " file, not a project or a function");
    }
    return checker.take();
}

}  // namespace mlrun::project

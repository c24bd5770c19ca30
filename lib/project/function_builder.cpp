// Turning function entries, code files and URLs into function objects.

#include "lib/project/function_builder.hpp"

#include <algorithm>
#include <optional>

#include "lib/error.hpp"
#include "lib/git/repository.hpp"
#include "lib/model/document.hpp"
#include "lib/project/directory.hpp"
#include "lib/project/fetch.hpp"
#include "lib/project/funcdoc.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/base64.hpp"
#include "lib/util/files.hpp"
#include "lib/util/redact.hpp"
#include "lib/util/strings.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::project {
namespace {

bool is_yaml_name(const std::string& name)
{
    return name.ends_with(".yaml") || name.ends_with(".yml");
}

bool is_image_kind(const std::string& kind)
{
    return kind == "remote" || kind == "nuclio" || kind == "serving" || kind == "application";
}

std::vector<std::string> split_lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        lines.push_back(
            text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return lines;
}

std::string resolve_relative(const std::string& url, const std::filesystem::path& base)
{
    if (url.find("://") != std::string::npos || url.starts_with("/")) {
        return url;
    }
    return (base / url).lexically_normal().string();
}

// `<remote>#<sha>` of the git repository holding `file` (MLRun's `build.code_origin`); none when
// the file is not in a repository with a remote, as MLRun then writes none.
std::optional<std::string> code_origin(const std::filesystem::path& file)
{
    if (const auto repository = git::inspect(file.parent_path().empty() ? "." : file.parent_path());
        repository && !repository->remote.empty()) {
        return repository->remote + "#" + repository->commit;
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string> clean_requirements(const std::vector<std::string>& lines)
{
    std::vector<std::string> out;
    for (auto line : lines) {
        if (const auto comment = line.find(" #"); comment != std::string::npos) {
            line.erase(comment);
        }
        line = std::string{util::trim(line)};
        if (line.empty() || line.starts_with("#")) {
            continue;
        }
        out.push_back(line);
    }
    return out;
}

bool is_module_handler(const std::string& handler, const std::string& kind)
{
    if (handler.find('.') != std::string::npos) {
        return true;
    }
    return is_image_kind(kind) && handler.find(':') != std::string::npos;
}

model::Function code_to_function(const std::filesystem::path& file, const CodeOptions& options,
                                 const FunctionTools& tools)
{
    if (file.extension() == ".ipynb") {
        throw Error("'" + file.string() + "': notebooks are not supported by this tool yet",
                    ErrorKind::usage, "export the notebook to a .py file");
    }
    const auto code = util::read_file(file);
    model::Function function;
    function.kind = options.kind.empty() ? "job" : options.kind;
    function.metadata.name =
        model::normalize_name(options.name.empty() ? file.stem().string() : options.name);
    function.metadata.tag = options.tag;
    function.spec.image = options.image;
    function.spec.default_handler = options.handler;
    function.spec.build["functionSourceCode"] = util::base64_encode(code);
    function.spec.build["origin_filename"] = file.string();
    if (auto origin = code_origin(file)) {
        function.spec.build["code_origin"] = std::move(*origin);
    }
    auto requirements = options.requirements;
    if (!options.requirements_file.empty()) {
        for (auto& line : split_lines(util::read_file(options.requirements_file))) {
            requirements.push_back(std::move(line));
        }
    }
    if (const auto cleaned = clean_requirements(requirements); !cleaned.empty()) {
        function.spec.build["requirements"] = cleaned;
    }
    if (file.extension() == ".py" && !tools.funcdoc_script.empty()) {
        function.spec.entry_points =
            describe_handlers(file, tools.funcdoc_script, tools.environment);
        const auto& handler = options.handler;
        if (!handler.empty() && !is_module_handler(handler, function.kind) &&
            !function.spec.entry_points.contains(handler)) {
            throw Error("handler '" + handler + "' is not a top-level function of " + file.string(),
                        ErrorKind::usage);
        }
    }
    return function;
}

std::string hub_function_url(const model::HubUri& uri, const Json& hub_source)
{
    const auto text = [&](const char* key, const char* fallback) {
        const auto it = hub_source.find(key);
        return it != hub_source.end() && it->is_string() && !it->get<std::string>().empty()
                   ? it->get<std::string>()
                   : std::string{fallback};
    };
    if (!uri.source.empty() && uri.source != "default" && uri.source != text("name", "default")) {
        throw Error("hub source '" + uri.source +
                        "' is not configured; only the default source is (hub.default_source)",
                    ErrorKind::not_found);
    }
    auto base = text("url", "https://mlrun.github.io/marketplace");
    while (base.ends_with("/")) {
        base.pop_back();
    }
    auto name = uri.name;
    std::replace(name.begin(), name.end(), '-', '_');
    return base + "/" + text("object_type", "functions") + "/" + text("channel", "master") + "/" +
           name + "/" + (uri.tag.empty() ? "latest" : uri.tag) + "/src/function.yaml";
}

model::Function import_function(const std::string& url, const std::filesystem::path& base,
                                const FunctionTools& tools)
{
    if (url.starts_with("db://")) {
        const auto uri = model::parse_db_uri(url);
        auto* db = tools.db ? tools.db() : nullptr;
        if (db == nullptr) {
            throw Error("cannot read " + url + ": no run store is open");
        }
        const auto project = uri.project.empty() ? tools.default_project : uri.project;
        return db->read_function(project, uri.name, uri.tag, uri.hash);
    }
    std::string location = url;
    if (url.starts_with("hub://")) {
        location = hub_function_url(model::parse_hub_uri(url), tools.hub_source);
    } else {
        location = resolve_relative(url, base);
    }
    const auto text = fetch(location);
    const auto document = model::parse_document(text, util::redact_url_password(location));
    if (document.kind != model::DocumentKind::function) {
        throw Error(util::redact_url_password(location) + " holds a " +
                        std::string{model::to_string(document.kind)} + ", not a function",
                    ErrorKind::usage);
    }
    return std::get<model::Function>(document.object);
}

model::Function function_from_entry(const model::FunctionEntry& entry,
                                    const model::Project& project,
                                    const std::filesystem::path& context,
                                    const FunctionTools& tools)
{
    const auto base = code_path(project, context);
    const auto kind = entry.kind.empty() ? std::string{"job"} : entry.kind;
    model::Function function;
    if (!entry.spec.is_null()) {
        const bool whole_entry = !entry.spec.contains("spec") && !entry.spec.contains("kind") &&
                                 !entry.spec.contains("metadata");
        if (whole_entry) {
            Json data = entry.extra;
            data["kind"] = entry.kind;
            data["spec"] = entry.spec;
            function = model::function_from_json(data);
        } else {
            function = model::function_from_json(entry.spec);
        }
    } else if (entry.url.empty() && is_module_handler(entry.handler, kind)) {
        function.kind = kind;
        function.spec.image = entry.image;
        function.spec.default_handler = entry.handler;
    } else if (is_yaml_name(entry.url) || entry.url.starts_with("db://") ||
               entry.url.starts_with("hub://")) {
        function = import_function(entry.url, base, tools);
        if (!entry.image.empty()) {
            function.spec.image = entry.image;
        }
    } else if (entry.url.ends_with(".py") || entry.url.ends_with(".ipynb")) {
        const auto location = resolve_relative(entry.url, base);
        if (location.find("://") != std::string::npos) {
            throw Error("function '" + entry.name + "': code at " +
                            util::redact_url_password(location) +
                            " cannot be read by this tool yet",
                        ErrorKind::failed, "keep the code in the project folder");
        }
        if (!std::filesystem::exists(location)) {
            throw Error("file " + entry.url + " of function '" + entry.name +
                            "' not found (looked in " + base.string() + ")",
                        ErrorKind::not_found);
        }
        if (entry.with_repo.value_or(false)) {
            if (kind != "local" && entry.image.empty() && project.spec.default_image.empty() &&
                !project.spec.load_source_on_run.value_or(false)) {
                throw Error("function '" + entry.name +
                                "': image must be provided with py code files which do not run "
                                "on 'local' engine kind",
                            ErrorKind::usage);
            }
            function.kind = kind;
            function.spec.image = entry.image;
            function.spec.default_handler = entry.handler;
            function.spec.command = entry.url;
        } else {
            CodeOptions options;
            options.name = entry.name;
            options.kind = kind;
            options.image = entry.image;
            options.handler = entry.handler;
            function = code_to_function(location, options, tools);
            function.spec.build["origin_filename"] = entry.url;
        }
    } else if (is_image_kind(kind) && !entry.image.empty()) {
        function.kind = kind;
        function.spec.image = entry.image;
        function.spec.default_handler = entry.handler;
    } else {
        throw Error("function '" + entry.name + "': unsupported function url:handler " + entry.url +
                        ":" + entry.handler + " or no spec",
                    ErrorKind::usage);
    }
    if (entry.with_repo.value_or(false)) {
        function.spec.build["source"] = "./";
    }
    if (!entry.requirements.empty()) {
        function.spec.build["requirements"] = clean_requirements(entry.requirements);
    }
    if (!entry.name.empty()) {
        function.metadata.name = model::normalize_name(entry.name);
    }
    if (!entry.tag.empty()) {
        function.metadata.tag = entry.tag;
    }
    function.metadata.project = project.metadata.name;
    return function;
}

}  // namespace mlrun::project

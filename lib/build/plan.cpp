// A function's build as MLRun's builder decides it, and its Dockerfile.

#include "lib/build/plan.hpp"

#include <algorithm>
#include <regex>
#include <sstream>

#include "lib/archive/extract.hpp"
#include "lib/build/build_templates.hpp"
#include "lib/error.hpp"
#include "lib/project/function_builder.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::build {
namespace {

std::string string_field(const Json& object, const char* key)
{
    if (!object.is_object() || !object.contains(key) || !object[key].is_string()) {
        return {};
    }
    return object[key].get<std::string>();
}

std::vector<std::string> string_list(const Json& value, const char* field)
{
    std::vector<std::string> out;
    if (value.is_null()) {
        return out;
    }
    if (value.is_string()) {
        out.push_back(value.get<std::string>());
        return out;
    }
    if (!value.is_array()) {
        throw Error(std::string{"spec.build."} + field + " must be a list of strings",
                    ErrorKind::usage);
    }
    for (const auto& item : value) {
        if (!item.is_string()) {
            throw Error(std::string{"spec.build."} + field + " must be a list of strings, not " +
                            item.dump(),
                        ErrorKind::usage);
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

bool is_mlrun_image(const std::string& image)
{
    for (const char* name :
         {"mlrun/mlrun", "mlrun/mlrun-gpu", "mlrun/ml-base", "mlrun/ml-models"}) {
        if (image.find(name) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// MLRun's enrich_image_url: mlrun's own images without a tag get the targeted version.
std::string enrich_image(const std::string& image, const std::string& version)
{
    const auto last = image.substr(
        image.find_last_of('/') == std::string::npos ? 0 : image.find_last_of('/') + 1);
    const bool tagged = last.find(':') != std::string::npos || image.find('@') != std::string::npos;
    if ((image.starts_with("mlrun/") || image.find("/mlrun/") != std::string::npos) && !tagged &&
        !version.empty()) {
        return image + ":" + version;
    }
    return image;
}

Source classify_source(const std::string& text, const std::filesystem::path& context)
{
    if (text.empty()) {
        return {};
    }
    if (text == "." || text == "./") {
        return {SourceKind::directory, std::filesystem::absolute(context).lexically_normal()};
    }
    const auto scheme_end = text.find("://");
    const auto path_part = text.substr(0, text.find('#'));
    if (text.starts_with("git://") || path_part.ends_with(".git")) {
        return {SourceKind::git, text};
    }
    if (archive::is_archive_name(path_part)) {
        if (scheme_end == std::string::npos) {
            return {SourceKind::archive, std::filesystem::absolute(text).lexically_normal()};
        }
        if (text.starts_with("http://") || text.starts_with("https://")) {
            return {SourceKind::archive, text};
        }
        return {SourceKind::remote, text};
    }
    if (scheme_end == std::string::npos && std::filesystem::path{text}.is_absolute()) {
        return {SourceKind::directory, text};
    }
    if (scheme_end == std::string::npos && std::filesystem::is_directory(context / text)) {
        return {SourceKind::directory,
                std::filesystem::absolute(context / text).lexically_normal()};
    }
    throw Error("source (" + text +
                    ") must be a compressed (tar.gz / zip) file, a git repo, a file path or in "
                    "the project's context (.)",
                ErrorKind::usage);
}

// `--build-arg K=V` pairs of MLRun's extra_args.
std::map<std::string, std::string> build_args_of(const std::string& extra_args)
{
    static const std::regex valid{"^[A-Za-z_][A-Za-z0-9_]*=[^=]+$"};
    std::map<std::string, std::string> out;
    std::istringstream words{extra_args};
    std::string word;
    bool value_next = false;
    while (words >> word) {
        if (word == "--build-arg") {
            value_next = true;
            continue;
        }
        if (value_next && !word.starts_with("--")) {
            if (!std::regex_match(word, valid)) {
                throw Error("Invalid --build-arg value: " + word, ErrorKind::usage);
            }
            const auto equals = word.find('=');
            out[word.substr(0, equals)] = word.substr(equals + 1);
        }
        value_next = false;
    }
    return out;
}

std::string quoted(const std::string& text)
{
    return Json(text).dump();  // a JSON string is a valid Dockerfile quoted string
}

// Ends every line but the last with " \" (a Dockerfile instruction over several lines).
void continue_lines(std::vector<std::string>& lines)
{
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        lines[i] += " \\";
    }
}

std::string join_lines(const std::vector<std::string>& lines)
{
    std::string out;
    for (const auto& line : lines) {
        out += line + "\n";
    }
    return out;
}

}  // namespace

bool BuildPlan::needs_build() const
{
    return source.kind != SourceKind::none || !commands.empty() || !requirements.empty() ||
           !extra.empty() || with_mlrun;
}

std::string resolve_image_name(const std::string& image, const std::string& registry)
{
    if (!image.starts_with(".")) {
        return image;
    }
    const auto rest = image.substr(1);
    if (registry.empty()) {
        return rest;
    }
    return (registry.ends_with("/") ? registry : registry + "/") + rest;
}

BuildPlan plan_build(const model::Function& function, const BuildSettings& settings)
{
    const auto& build = function.spec.build.is_object() ? function.spec.build : Json::object();
    BuildPlan plan;
    plan.project = function.metadata.project.empty() ? "default" : function.metadata.project;
    plan.name = function.metadata.name;
    plan.tag = function.metadata.tag;

    auto base = string_field(build, "base_image");
    if (base.empty()) {
        base = string_field(build, "baseImage");  // nuclio's spelling
    }
    if (base.empty()) {
        base = function.spec.image;
    }
    if (base.empty()) {
        base = settings.default_base_image;
    }
    plan.base_image = enrich_image(base, settings.mlrun_version);

    plan.commands = string_list(build.value("commands", Json{}), "commands");
    plan.requirements = project::clean_requirements(
        string_list(build.value("requirements", Json{}), "requirements"));
    if (!build.value("load_source_on_run", false)) {
        plan.source = classify_source(string_field(build, "source"), settings.context);
    }
    plan.extra = string_field(build, "extra");
    if (!plan.extra.empty() && !plan.extra.ends_with("\n")) {
        plan.extra += "\n";
    }

    bool with_mlrun = settings.with_mlrun || build.value("with_mlrun", false);
    plan.with_mlrun = with_mlrun;
    if (is_mlrun_image(plan.base_image)) {
        with_mlrun = false;  // the base already has it
    }
    if (with_mlrun) {
        static const std::regex upgrade_pip{".*pip install --upgrade .*pip.*"};
        static const std::regex install_mlrun{".*pip install .*mlrun.*"};
        const auto has = [&](const std::regex& pattern) {
            return std::any_of(plan.commands.begin(), plan.commands.end(),
                               [&](const std::string& c) { return std::regex_match(c, pattern); });
        };
        const bool installs_mlrun = has(install_mlrun);
        if (!has(upgrade_pip)) {
            plan.commands.push_back("python -m pip install --upgrade pip" + settings.pip_version);
        }
        if (!installs_mlrun) {
            plan.requirements.insert(plan.requirements.begin(),
                                     !settings.mlrun_specifier.empty()
                                         ? settings.mlrun_specifier
                                         : settings.package_path +
                                               "[complete]==" + settings.mlrun_version);
        }
    }

    auto image = string_field(build, "image");
    if (image.empty()) {
        image = ".mlrun/func-" + plan.project + "-" + plan.name + ":" +
                (plan.tag.empty() ? std::string{"latest"} : plan.tag);
    }
    plan.image = resolve_image_name(image, settings.docker_registry);

    std::string target_dir = function.spec.extra.value("clone_target_dir", std::string{});
    if (target_dir.starts_with("/")) {
        plan.workdir = target_dir;
    } else if (!target_dir.empty()) {
        const auto start = target_dir.find_first_not_of("./");
        if (start != std::string::npos) {
            plan.workdir = "/mlrun/" + target_dir.substr(start);
        }
    }

    for (const auto& entry : function.env_list()) {
        const auto name = string_field(entry, "name");
        if (name.empty()) {
            continue;
        }
        if (entry.contains("value") && !entry["value"].is_null()) {
            plan.env.emplace_back(name, entry["value"].is_string()
                                            ? entry["value"].get<std::string>()
                                            : entry["value"].dump());
        } else {
            plan.notes.push_back("env " + name +
                                 " comes from a secret or field at run time: not in the image");
        }
    }
    plan.labels["mlrun.project"] = plan.project;
    plan.labels["mlrun.function"] = plan.name;
    if (function.metadata.labels.is_object()) {
        for (auto it = function.metadata.labels.begin(); it != function.metadata.labels.end();
             ++it) {
            plan.labels[it.key()] =
                it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
        }
    }
    const auto builder_env = build.value("builder_env", Json::object());
    if (builder_env.is_object()) {
        for (auto it = builder_env.begin(); it != builder_env.end(); ++it) {
            plan.build_args[it.key()] =
                it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
        }
    }
    for (const auto& [key, value] : build_args_of(string_field(build, "extra_args"))) {
        plan.build_args[key] = value;
    }
    return plan;
}

std::string render_dockerfile(const BuildPlan& plan)
{
    std::vector<std::string> args, source, commands, requirements, env, labels;
    for (const auto& [key, value] : plan.build_args) {
        args.push_back("ARG " + key);
    }
    if (plan.source.kind != SourceKind::none) {
        source = {"WORKDIR " + plan.workdir, "COPY source/ " + plan.workdir + "/",
                  "ENV PYTHONPATH=" + plan.workdir};
    }
    for (const auto& command : plan.commands) {
        commands.push_back("RUN " + command);
    }
    if (!plan.requirements.empty()) {
        const std::string path = "/tmp/mlrun-build/requirements.txt";
        requirements = {"COPY requirements.txt " + path,
                        "RUN echo 'Installing " + path + "...'; cat " + path,
                        "RUN python -m pip install -r " + path};
    }
    // One ENV and one LABEL instruction (one layer each), a pair per line.
    for (const auto& [key, value] : plan.env) {
        env.push_back((env.empty() ? "ENV " : "    ") + key + "=" + quoted(value));
    }
    for (const auto& [key, value] : plan.labels) {
        labels.push_back((labels.empty() ? "LABEL " : "      ") + quoted(key) + "=" +
                         quoted(value));
    }
    continue_lines(env);
    continue_lines(labels);
    for (const auto& note : plan.notes) {
        env.push_back("# " + note);
    }
    const std::map<std::string, std::string> values{
        {"@FUNCTION@", plan.name},
        {"@PROJECT@", plan.project},
        {"@IMAGE@", plan.image},
        {"@BASE_IMAGE@", plan.base_image},
        {"@ARGS@", join_lines(args)},
        {"@SOURCE@", join_lines(source)},
        {"@COMMANDS@", join_lines(commands)},
        {"@REQUIREMENTS@", join_lines(requirements)},
        {"@ENV@", join_lines(env)},
        {"@LABELS@", join_lines(labels)},
        {"@EXTRA@", plan.extra},
    };
    std::string out;
    std::istringstream lines{templates::dockerfile};
    for (std::string line; std::getline(lines, line);) {
        const auto whole = values.find(line);
        if (whole != values.end()) {
            out += whole->second;  // a section: zero or more whole lines
            continue;
        }
        for (const auto& [key, value] : values) {
            line = util::replace_all(line, key, value);
        }
        out += line + "\n";
    }
    return out;
}

}  // namespace mlrun::build

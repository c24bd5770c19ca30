// A run as MLRun records it.

#include "lib/launcher/run_record.hpp"

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace mlrun::launcher {

std::string effective_user(const config::Environment& environment)
{
    for (const char* name : {"LOGNAME", "USER", "LNAME", "USERNAME"}) {
        if (auto value = config::lookup(environment, name); value && !value->empty()) {
            return *value;
        }
    }
    // getpwuid_r: the library may be used from several threads.
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
        found != nullptr && found->pw_name != nullptr && *found->pw_name != '\0') {
        return found->pw_name;
    }
    return "unknown";
}

std::string run_owner(const config::Environment& environment)
{
    if (auto v3io_user = config::lookup(environment, "V3IO_USERNAME");
        v3io_user && !v3io_user->empty()) {
        return *v3io_user;
    }
    return effective_user(environment);
}

void add_recorded_keys(model::Run& run, const config::Config& config)
{
    if (run.kind.empty()) {
        run.kind = "run";
    }
    auto& extra = run.spec.extra;
    if (!extra.contains("log_level")) {
        extra["log_level"] = "info";
    }
    Json thresholds = Json::object();
    if (const auto* defaults = config.find("function.spec.state_thresholds.default");
        defaults != nullptr && defaults->is_object()) {
        thresholds = *defaults;
    }
    if (const auto own = extra.find("state_thresholds"); own != extra.end() && own->is_object()) {
        thresholds.update(*own);
    }
    extra["state_thresholds"] = thresholds;
    for (const char* key : {"notifications", "data_stores"}) {
        if (!extra.contains(key)) {
            extra[key] = Json::array();
        }
    }
    if (!extra.contains("node_selector")) {
        extra["node_selector"] = Json::object();
    }
}

model::Function recorded_function(const model::Function& function, const std::string& project,
                                  std::string_view run_kind)
{
    const auto kind = function.effective_kind();
    model::Function recorded;
    if (run_kind != "local" || kind == "local" || kind == "handler") {
        recorded = function;
    } else {
        recorded.kind = "local";
        recorded.metadata = function.metadata;
        const auto& build = function.spec.build;
        const auto origin = build.find("origin_filename");
        recorded.spec.command = !function.spec.command.empty() ? function.spec.command
                                : origin != build.end() && origin->is_string()
                                    ? origin->get<std::string>()
                                    : std::string{};
        recorded.spec.args = function.spec.args;
        recorded.spec.description = function.spec.description;
        recorded.spec.build = build;
    }
    recorded.metadata.project = project;
    if (!recorded.metadata.extra.contains("credentials")) {
        recorded.metadata.extra["credentials"] = {{"access_key", "$generate"}};
    }
    return recorded;
}

}  // namespace mlrun::launcher

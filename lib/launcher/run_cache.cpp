// The run cache: keys, lookups and the records of hits.

#include "lib/launcher/run_cache.hpp"

#include <fstream>

#include "lib/artifacts/resolve.hpp"
#include "lib/util/hash.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/time.hpp"

namespace mlrun::launcher {

namespace {

// A canonical text of a JSON value: keys sorted, so that the same content hashes alike
// whatever order it was written in.
std::string canonical(const Json& value)
{
    return nlohmann::json::parse(value.dump()).dump();
}

std::optional<std::string> file_sha1(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    util::Sha1 sha1;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        sha1.update(std::string_view{buffer, static_cast<std::size_t>(in.gcount())});
    }
    return sha1.hex_digest();
}

// An input's identity: a local file by its content (a folder by its files'), anything else by
// its URL.
std::string input_hash(const Json& input)
{
    const std::string text = input.is_string() ? input.get<std::string>() : input.dump();
    std::error_code error;
    const std::filesystem::path path = text.starts_with("file://") ? text.substr(7) : text;
    if (text.find("://") == std::string::npos || text.starts_with("file://")) {
        if (std::filesystem::is_regular_file(path, error)) {
            if (auto hash = file_sha1(path)) {
                return *hash;
            }
        } else if (std::filesystem::is_directory(path, error)) {
            util::Sha1 sha1;
            std::vector<std::filesystem::path> files;
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
                if (entry.is_regular_file(error)) {
                    files.push_back(entry.path());
                }
            }
            std::sort(files.begin(), files.end());
            for (const auto& file : files) {
                sha1.update(std::filesystem::relative(file, path).string());
                sha1.update(file_sha1(file).value_or("?"));
            }
            return sha1.hex_digest();
        }
    }
    return util::sha1_hex("url:" + text);
}

// Whether every local artifact file of `run` is there with its recorded hash; `why` says which
// is not. Artifacts elsewhere (s3://...) cannot be checked here: no hit then.
bool artifacts_intact(const model::Run& run, std::string& why)
{
    if (!run.status.artifacts.is_array()) {
        return true;
    }
    for (const auto& entry : run.status.artifacts) {
        const auto metadata = entry.value("metadata", Json::object());
        const auto spec = entry.value("spec", Json::object());
        const std::string key = metadata.value("key", std::string{"?"});
        if (entry.value("kind", std::string{}) == "link" || spec.contains("inline")) {
            continue;
        }
        const std::string target = spec.value("target_path", std::string{});
        if (target.empty()) {
            continue;
        }
        const auto local = artifacts::local_target(target);
        if (!local) {
            why = "artifact " + key + " is at " + target + ", which cannot be checked here";
            return false;
        }
        std::error_code error;
        if (std::filesystem::is_directory(*local, error)) {
            continue;  // a folder artifact: its files carry no single hash
        }
        const auto hash = file_sha1(*local);
        if (!hash) {
            why = "artifact " + key + " is gone (" + local->string() + ")";
            return false;
        }
        const std::string recorded = metadata.value("hash", std::string{});
        if (!recorded.empty() && recorded != *hash) {
            why = "artifact " + key + " changed since (" + local->string() + ")";
            return false;
        }
    }
    return true;
}

}  // namespace

CacheKey run_cache_key(const model::Function& function, const std::filesystem::path& code_file,
                       const model::Run& run, const std::vector<std::string>& arguments)
{
    Json spec = model::to_json(function).value("spec", Json::object());
    Json build = spec.value("build", Json::object());
    std::string code;
    if (!code_file.empty()) {
        code = file_sha1(code_file).value_or(util::sha1_hex("missing:" + code_file.string()));
    } else if (build.contains("functionSourceCode")) {
        code = util::sha1_hex(build["functionSourceCode"].dump());
    } else {
        code = util::sha1_hex("command:" + spec.value("command", std::string{}));
    }
    // Where the code came from and the embedded copy of it are the code, not its spec.
    build.erase("code_origin");
    build.erase("functionSourceCode");
    build.erase("origin_filename");
    spec["build"] = build;
    spec.erase("description");
    Json inputs = Json::object();
    if (run.spec.inputs.is_object()) {
        for (const auto& [name, value] : run.spec.inputs.items()) {
            inputs[name] = input_hash(value);
        }
    }
    Json parts = {
        {"code", code},
        {"spec", util::sha1_hex(function.effective_kind() + canonical(spec))},
        {"handler", run.spec.handler},
        {"parameters", util::sha1_hex(canonical({{"parameters", run.spec.parameters},
                                                 {"hyperparams", run.spec.hyperparams},
                                                 {"options", run.spec.hyper_param_options},
                                                 {"arguments", arguments}}))},
        {"inputs", inputs}};
    return {util::sha1_hex(canonical(parts)), parts};
}

std::vector<std::string> changed_parts(const Json& before, const Json& now)
{
    std::vector<std::string> changed;
    for (const char* part : {"code", "spec", "handler", "parameters"}) {
        if (before.value(part, Json()) != now.value(part, Json())) {
            changed.emplace_back(part);
        }
    }
    const Json old_inputs = before.value("inputs", Json::object());
    const Json new_inputs = now.value("inputs", Json::object());
    for (const auto& [name, hash] : new_inputs.items()) {
        if (old_inputs.value(name, Json()) != hash) {
            changed.push_back("inputs." + name);
        }
    }
    for (const auto& [name, hash] : old_inputs.items()) {
        if (!new_inputs.contains(name)) {
            changed.push_back("inputs." + name);
        }
    }
    return changed;
}

CacheLookup find_cached_run(store::RunDB& db, const std::string& project, const CacheKey& key,
                            const std::string& run_name)
{
    CacheLookup lookup;
    store::RunFilter filter;
    filter.project = project;
    filter.labels = {std::string{cache_key_label} + "=" + key.key};
    filter.states = {model::RunState::completed};
    filter.limit = 20;
    std::string why;
    for (const auto& candidate : db.list_runs(filter)) {
        if (artifacts_intact(candidate, why)) {
            lookup.hit = candidate;
            lookup.explanation = "hit: the same code, spec, handler, parameters and inputs as "
                                 "run " +
                                 candidate.metadata.uid;
            return lookup;
        }
    }
    if (!why.empty()) {
        lookup.explanation = "miss: the earlier run with this key cannot be reused: " + why;
        return lookup;
    }
    // The nearest earlier run that had a key: what differs from it.
    store::RunFilter nearest;
    nearest.project = project;
    nearest.name = run_name;
    nearest.labels = {cache_key_label};
    nearest.limit = 1;
    const auto earlier = db.list_runs(nearest);
    if (earlier.empty()) {
        lookup.explanation = "miss: no earlier run of " + run_name + " was cached";
        return lookup;
    }
    const auto& annotations = earlier.front().metadata.annotations;
    Json before = Json::object();
    if (annotations.is_object() && annotations.contains(cache_parts_annotation)) {
        if (auto parsed = try_parse_json(annotations[cache_parts_annotation].get<std::string>())) {
            before = std::move(*parsed);
        }
    }
    const auto changed = changed_parts(before, key.parts);
    const auto& state = earlier.front().status.state;
    lookup.explanation =
        "miss: since run " + earlier.front().metadata.uid +
        (changed.empty()
             ? std::string{" nothing changed, but it ended " + std::string{model::to_string(state)}}
             : " changed: " + util::join(changed, ", "));
    return lookup;
}

model::Run cached_run(const model::Run& hit, model::Run fresh)
{
    const std::string now = util::format_iso(util::now_micros());
    fresh.status.state = model::RunState::completed;
    fresh.status.results = hit.status.results;
    fresh.status.artifacts = hit.status.artifacts;
    fresh.status.iterations = hit.status.iterations;
    fresh.status.commit = hit.status.commit;
    fresh.status.start_time = now;
    fresh.status.last_update = now;
    fresh.status.error.clear();
    fresh.status.extra["cached_from"] = hit.metadata.uid;
    return fresh;
}

}  // namespace mlrun::launcher

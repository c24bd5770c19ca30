// The parts of RunDB that every backend shares.

#include "lib/store/run_db.hpp"

#include "lib/config/config.hpp"
#include "lib/error.hpp"
#include "lib/util/hash.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::store {

std::vector<std::string> parse_labels(std::string_view selector)
{
    std::vector<std::string> labels;
    for (const auto& piece : util::split(selector, ",")) {
        const auto label = util::trim(piece);
        if (!label.empty()) {
            labels.emplace_back(label);
        }
    }
    return labels;
}

DeletionStrategy parse_deletion_strategy(std::string_view text)
{
    if (text == "restricted" || text == "restrict") {
        return DeletionStrategy::restricted;
    }
    if (text == "cascading" || text == "cascade") {
        return DeletionStrategy::cascading;
    }
    throw Error("unknown deletion strategy '" + std::string{text} + "' (restricted or cascading)",
                ErrorKind::usage);
}

std::string_view to_string(DeletionStrategy strategy)
{
    return strategy == DeletionStrategy::restricted ? "restricted" : "cascading";
}

Error project_not_empty(const std::string& project, const std::vector<std::string>& kinds)
{
    std::string found;
    for (const auto& kind : kinds) {
        found += (found.empty() ? "" : ", ") + kind;
    }
    return Error("project '" + project + "' can not be deleted since related resources found" +
                     (found.empty() ? std::string{} : ": " + found) +
                     " (the restricted strategy keeps it)",
                 ErrorKind::failed, "pass --strategy cascading to delete it with everything in it");
}

RunSort parse_run_sort(std::string_view text)
{
    if (text == "start" || text == "-start" || text == "newest" || text == "time") {
        return RunSort::newest;
    }
    if (text == "+start" || text == "oldest") {
        return RunSort::oldest;
    }
    if (text == "name") {
        return RunSort::name;
    }
    if (text == "state") {
        return RunSort::state;
    }
    if (text == "updated" || text == "-updated") {
        return RunSort::updated;
    }
    throw Error("invalid sort '" + std::string{text} + "'", ErrorKind::usage,
                "use one of: start (newest first), oldest, name, state, updated");
}

void RunDB::store_artifacts(const std::vector<model::Artifact>& artifacts)
{
    for (const auto& artifact : artifacts) {
        store_artifact(artifact, artifact.metadata.tag);
    }
}

void RunDB::for_each_artifact(const ArtifactFilter& filter,
                              const std::function<void(const model::Artifact&)>& visit)
{
    for (const auto& artifact : list_artifacts(filter)) {
        visit(artifact);
    }
}

std::uint64_t RunDB::log_tail_offset(const std::string& project, const std::string& uid,
                                     std::size_t lines)
{
    const auto size = log_size(project, uid);
    std::uint64_t window = 64 * 1024;
    while (true) {
        const auto from = size > window ? size - window : 0;
        const auto text = read_log(project, uid, from, size - from).bytes;
        // Newlines from the end, the final one (ending the last line) not counted.
        std::size_t at = text.size();
        if (at > 0 && text[at - 1] == '\n') {
            --at;
        }
        std::size_t seen = 0;
        for (; at > 0; --at) {
            if (text[at - 1] == '\n' && ++seen == lines) {
                return from + at;
            }
        }
        if (from == 0) {
            return 0;
        }
        window *= 4;
    }
}

void RunDB::store_run_document(const Json& document)
{
    store_run(model::run_from_json(document));
}

std::optional<Json> RunDB::find_run_document(const std::string& project, const std::string& uid,
                                             std::int64_t iteration)
{
    auto run = find_run(project, uid, iteration);
    if (!run) {
        return std::nullopt;
    }
    return model::to_json(*run);
}

void RunDB::for_each_run_document(const RunFilter& filter,
                                  const std::function<void(const Json&)>& visit)
{
    for_each_run(filter, [&](const model::Run& run) { visit(model::to_json(run)); });
}

model::Project RunDB::read_project(const std::string& name)
{
    if (auto project = find_project(name)) {
        return std::move(*project);
    }
    throw Error("project '" + name + "' not found", ErrorKind::not_found);
}

model::Run RunDB::read_run(const std::string& project, const std::string& uid,
                           std::int64_t iteration)
{
    if (auto run = find_run(project, uid, iteration)) {
        return std::move(*run);
    }
    throw Error("run '" + uid + "' not found in project '" + project + "'", ErrorKind::not_found,
                "try 'mlrun get runs -p " + project + "'");
}

model::Function RunDB::read_function(const std::string& project, const std::string& name,
                                     const std::string& tag, const std::string& hash)
{
    if (auto function = find_function(project, name, tag, hash)) {
        return std::move(*function);
    }
    const auto version = !hash.empty() ? "@" + hash : ":" + (tag.empty() ? "latest" : tag);
    throw Error("function '" + name + version + "' not found in project '" + project + "'",
                ErrorKind::not_found, "try 'mlrun get functions -p " + project + "'");
}

model::Artifact RunDB::read_artifact(const ArtifactRef& ref)
{
    if (auto artifact = find_artifact(ref)) {
        return std::move(*artifact);
    }
    throw Error("artifact '" + ref.key + "' not found in project '" + ref.project + "'",
                ErrorKind::not_found, "try 'mlrun get artifacts -p " + ref.project + "'");
}

std::string function_hash(const model::Function& function)
{
    auto copy = function;
    copy.metadata.tag.clear();
    copy.metadata.hash.clear();
    copy.metadata.extra.erase("updated");
    copy.status = Json::object();
    return util::sha1_hex(config::sorted(model::to_json(copy)).dump());
}

void apply_dotted_updates(Json& object, const Json& updates)
{
    if (!updates.is_object()) {
        throw Error("run updates must be a mapping of dotted keys", ErrorKind::usage);
    }
    for (auto it = updates.begin(); it != updates.end(); ++it) {
        Json* node = &object;
        const auto path = util::split(it.key(), ".");
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            auto& next = (*node)[path[i]];
            if (!next.is_object()) {
                next = Json::object();
            }
            node = &next;
        }
        (*node)[path.back()] = it.value();
    }
}

}  // namespace mlrun::store

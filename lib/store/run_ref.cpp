#include "lib/store/run_ref.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace mlrun::store {
namespace {

// How many matches an ambiguous prefix lists.
constexpr std::size_t shown_matches = 10;

std::string where(std::string_view scope)
{
    return scope == all_projects ? std::string{"in any project"}
                                 : "in project '" + std::string{scope} + "'";
}

}  // namespace

// `latest` -> 0, `@-N` -> N; std::nullopt for anything else.
std::optional<std::size_t> selector_position(std::string_view text)
{
    if (text == "latest") {
        return 0;
    }
    if (!text.starts_with("@-") || text.size() == 2) {
        return std::nullopt;
    }
    std::size_t position = 0;
    for (const char c : text.substr(2)) {
        if (c < '0' || c > '9' || position > 100'000) {
            return std::nullopt;
        }
        position = position * 10 + static_cast<std::size_t>(c - '0');
    }
    return position;
}

RunRef resolve_run_ref(RunDB& db, std::string_view project, std::string_view fallback,
                       std::string_view text)
{
    if (text.empty()) {
        throw Error("a run uid is empty", ErrorKind::usage);
    }
    const bool everywhere = project.empty() && !db.is_remote();
    const std::string scope{everywhere ? all_projects : project.empty() ? fallback : project};
    if (const auto position = selector_position(text)) {
        RunFilter filter;
        filter.project = scope;
        filter.sort = RunSort::newest;
        filter.offset = *position;
        filter.limit = 1;
        if (db.is_remote()) {
            // Any start time: an API's unfiltered listing is the latest run of each name only.
            filter.since = util::Micros{0};
        }
        std::optional<model::Run> found;
        db.for_each_run(filter, [&](const model::Run& run) { found = run; });
        if (!found) {
            throw Error("no run is " + std::string{text} + " " + where(scope) +
                            (*position == 0 ? std::string{} : " (there are fewer runs)"),
                        ErrorKind::not_found);
        }
        std::string found_project = found->metadata.project;
        std::string uid = found->metadata.uid;
        return {std::move(found_project), std::move(uid), std::move(found)};
    }
    // The whole uid in one project: one lookup, as before prefixes were accepted.
    if (!everywhere) {
        if (auto run = db.find_run(scope, std::string{text}, 0)) {
            return {scope, std::string{text}, std::move(run)};
        }
    }
    RunFilter filter;
    filter.project = scope;
    filter.uid = text;
    filter.uid_prefix = true;
    filter.summary = true;
    filter.limit = shown_matches + 1;
    std::vector<model::Run> matches;
    db.for_each_run(filter, [&](const model::Run& run) { matches.push_back(run); });
    // A whole uid wins over longer uids it is a prefix of (it cannot be, at 32 characters, but
    // an imported run may carry any uid).
    std::vector<model::Run> exact;
    std::copy_if(matches.begin(), matches.end(), std::back_inserter(exact),
                 [&](const model::Run& run) { return run.metadata.uid == text; });
    if (!exact.empty()) {
        matches = std::move(exact);
    }
    if (matches.empty()) {
        throw Error("run '" + std::string{text} + "' not found " + where(scope),
                    ErrorKind::not_found,
                    everywhere ? std::string{"try 'mlrun get runs -p \"*\"'"}
                               : "try 'mlrun get runs -p " + scope + "'");
    }
    if (matches.size() == 1) {
        return {matches.front().metadata.project, matches.front().metadata.uid};
    }
    std::string listed;
    for (std::size_t i = 0; i < std::min(matches.size(), shown_matches); ++i) {
        const auto& metadata = matches[i].metadata;
        listed += (i == 0 ? "" : ", ") + metadata.uid + " (" + metadata.name + ", project " +
                  metadata.project + ")";
    }
    if (matches.size() > shown_matches) {
        listed += ", ...";
    }
    throw Error("'" + std::string{text} + "' names " +
                    (matches.size() > shown_matches ? "more than " + std::to_string(shown_matches)
                                                    : std::to_string(matches.size())) +
                    " runs " + where(scope) + ": " + listed,
                ErrorKind::usage,
                everywhere ? "give more of the uid, or the project with -p"
                           : "give more of the uid");
}

}  // namespace mlrun::store

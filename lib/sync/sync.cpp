// Store-to-store copies.

#include "lib/sync/sync.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "lib/artifacts/resolve.hpp"
#include "lib/artifacts/transfer.hpp"
#include "lib/error.hpp"
#include "lib/util/hash.hpp"

namespace mlrun::sync {

namespace {

constexpr std::size_t log_chunk = std::size_t{4} << 20;

std::size_t index(ItemKind kind)
{
    return static_cast<std::size_t>(kind);
}

class Syncer
{
public:
    Syncer(store::RunDB& source, store::RunDB& target, const SyncOptions& options,
           const std::function<void(const ItemEvent&)>& observe)
        : m_source(source), m_target(target), m_options(options), m_observe(observe)
    {
    }

    SyncReport run()
    {
        for (const auto& project : projects()) {
            sync_project(project);
        }
        return std::move(m_report);
    }

private:
    void record(ItemKind kind, std::string name, Outcome outcome, std::string detail = {})
    {
        const ItemEvent event{kind, std::move(name), outcome, std::move(detail)};
        switch (outcome) {
        case Outcome::copied: ++m_report.copied[index(kind)]; break;
        case Outcome::present: ++m_report.present[index(kind)]; break;
        case Outcome::kept_newer: ++m_report.kept_newer[index(kind)]; break;
        case Outcome::failed: m_report.failures.push_back(event); break;
        }
        if (m_observe) {
            m_observe(event);
        }
    }

    // Runs `write` unless this is a dry run; a failure is recorded, not thrown.
    template <typename Write> bool attempt(ItemKind kind, const std::string& name, Write&& write)
    {
        try {
            if (!m_options.dry_run) {
                write();
            }
            return true;
        } catch (const std::exception& error) {
            record(kind, name, Outcome::failed, error.what());
            return false;
        }
    }

    // The projects to copy: those the source records, and those it holds runs, functions or
    // artifacts of without a project record (the embedded store records local runs of any
    // project name); an API stores nothing under a missing project, so those get one.
    std::vector<model::Project> projects()
    {
        std::vector<model::Project> out;
        if (!m_options.projects.empty()) {
            for (const auto& name : m_options.projects) {
                auto project = m_source.find_project(name);
                if (!project) {
                    project.emplace();
                    project->metadata.name = name;
                }
                out.push_back(std::move(*project));
            }
            return out;
        }
        out = m_source.list_projects();
        std::set<std::string> known;
        for (const auto& project : out) {
            known.insert(project.metadata.name);
        }
        const auto add = [&](const std::string& name) {
            if (!name.empty() && known.insert(name).second) {
                model::Project project;
                project.metadata.name = name;
                out.push_back(std::move(project));
            }
        };
        store::RunFilter runs;
        runs.project = std::string{store::all_projects};
        runs.summary = true;
        m_source.for_each_run(runs, [&](const model::Run& run) { add(run.metadata.project); });
        store::FunctionFilter functions;
        functions.project = std::string{store::all_projects};
        for (const auto& function : m_source.list_functions(functions)) {
            add(function.metadata.project);
        }
        store::ArtifactFilter artifacts;
        artifacts.project = std::string{store::all_projects};
        artifacts.summary = true;
        artifacts.links = true;
        m_source.for_each_artifact(artifacts,
                                   [&](const model::Artifact& a) { add(a.metadata.project); });
        return out;
    }

    void sync_project(const model::Project& project)
    {
        const auto& name = project.metadata.name;
        if (m_target.find_project(name)) {
            record(ItemKind::project, name, Outcome::present);
        } else if (attempt(ItemKind::project, name, [&] { m_target.store_project(project); })) {
            record(ItemKind::project, name, Outcome::copied);
        } else {
            return;  // nothing can be stored under a project the target refused
        }
        sync_functions(name);
        // Artifacts first: with their data moved, the runs' records point at the copies.
        sync_artifacts(name);
        sync_runs(name);
    }

    void sync_functions(const std::string& project)
    {
        store::FunctionFilter filter;
        filter.project = project;
        filter.tag = "*";  // the tagged versions: each is stored under its tag
        for (const auto& function : m_source.list_functions(filter)) {
            const std::string tag =
                function.metadata.tag.empty() ? "latest" : function.metadata.tag;
            const std::string name = project + "/" + function.metadata.name + ":" + tag;
            const auto there = m_target.find_function(project, function.metadata.name, tag, "");
            if (there && store::function_hash(*there) == store::function_hash(function)) {
                record(ItemKind::function, name, Outcome::present);
                continue;
            }
            if (attempt(ItemKind::function, name,
                        [&] { m_target.store_function(function, project, tag); })) {
                record(ItemKind::function, name, Outcome::copied);
            }
        }
    }

    void sync_runs(const std::string& project)
    {
        store::RunFilter filter;
        filter.project = project;
        filter.all_iterations = true;
        filter.since = m_options.since;
        filter.labels = m_options.labels;
        filter.uid = m_options.uid;
        filter.sort = store::RunSort::oldest;
        // Collected first: the source may be the target's own file (reads and writes on one
        // connection each) and a listing is not held open while writing.
        std::vector<model::Run> runs;
        m_source.for_each_run(filter, [&](const model::Run& run) { runs.push_back(run); });
        // What the target has, read in one listing (not one lookup per run): for each run its
        // last update and a digest of what it says.
        m_there.clear();
        store::RunFilter existing = filter;
        existing.sort = store::RunSort::newest;
        if (!existing.since) {
            existing.since = util::Micros{0};  // an API's unfiltered listing is partitioned
        }
        if (!runs.empty()) {
            m_target.for_each_run(existing, [&](const model::Run& run) {
                m_there[key_of(run)] = {updated(run), util::sha1_hex(substance(run).dump())};
            });
        }
        for (const auto& run : runs) {
            sync_run(run);
        }
    }

    struct Present
    {
        std::optional<util::Micros> updated;
        std::string digest;
    };

    static std::string key_of(const model::Run& run)
    {
        return run.metadata.uid + "#" + std::to_string(run.metadata.iteration);
    }

    static std::optional<util::Micros> updated(const model::Run& run)
    {
        auto time = util::parse_iso(run.status.last_update);
        return time ? time : util::parse_iso(run.status.start_time);
    }

    // What a run says, without the times a store stamps on it: a copy that says the same is
    // the same run, whatever its last update.
    static Json substance(const model::Run& run)
    {
        Json body = model::to_json(run);
        body["status"].erase("last_update");
        body["status"].erase("artifact_uris");
        body["status"].erase("artifacts");
        body["status"]["artifact_keys"] = run.artifact_uris();
        return body;
    }

    void sync_run(const model::Run& listed)
    {
        const auto& metadata = listed.metadata;
        // An API lists runs with their artifacts by reference only; the run itself has them.
        std::optional<model::Run> full;
        if (listed.status.artifacts.empty() && listed.status.artifact_uris.is_object() &&
            !listed.status.artifact_uris.empty() && m_source.is_remote()) {
            full = m_source.find_run(metadata.project, metadata.uid, metadata.iteration);
        }
        const model::Run& run = full ? *full : listed;
        const std::string name =
            metadata.project + "/" + metadata.uid + "#" + std::to_string(metadata.iteration);
        const auto there = m_there.find(key_of(run));
        bool copy = true;
        if (there != m_there.end()) {
            const auto mine = updated(run);
            const auto& theirs = there->second.updated;
            if (there->second.digest == util::sha1_hex(substance(run).dump())) {
                record(ItemKind::run, name, Outcome::present);
                copy = false;
            } else if (theirs && (!mine || *theirs > *mine)) {
                record(ItemKind::run, name, Outcome::kept_newer);
                copy = false;
            }
        }
        if (copy && attempt(ItemKind::run, name, [&] { m_target.store_run(moved(run)); })) {
            record(ItemKind::run, name, Outcome::copied);
        }
        if (metadata.iteration == 0) {
            sync_log(metadata.project, metadata.uid);
        }
    }

    void sync_log(const std::string& project, const std::string& uid)
    {
        const std::string name = project + "/" + uid;
        std::uint64_t size = 0;
        std::uint64_t there = 0;
        try {
            size = m_source.log_size(project, uid);
            if (size == 0) {
                return;
            }
            there = target_log_size(project, uid);
        } catch (const std::exception& error) {
            record(ItemKind::log, name, Outcome::failed, error.what());
            return;
        }
        if (there == size) {
            record(ItemKind::log, name, Outcome::present);
            return;
        }
        if (there > size) {
            record(ItemKind::log, name, Outcome::kept_newer,
                   std::to_string(there) + " bytes there, " + std::to_string(size) + " here");
            return;
        }
        // Only the bytes the target lacks: an interrupted copy resumes where it stopped.
        const bool ok = attempt(ItemKind::log, name, [&] {
            for (std::uint64_t offset = there; offset < size; offset += log_chunk) {
                const auto chunk = m_source.read_log(project, uid, offset, log_chunk);
                if (chunk.bytes.empty()) {
                    break;
                }
                m_target.append_log(project, uid, chunk.bytes);
            }
        });
        if (ok) {
            m_report.log_bytes += size - there;
            record(ItemKind::log, name, Outcome::copied, std::to_string(size - there) + " bytes");
        }
    }

    std::uint64_t target_log_size(const std::string& project, const std::string& uid)
    {
        try {
            return m_target.log_size(project, uid);
        } catch (const Error& error) {
            if (error.kind() == ErrorKind::not_found) {
                return 0;  // an API answers 404 for a run without a log
            }
            throw;
        }
    }

    void sync_artifacts(const std::string& project)
    {
        store::ArtifactFilter filter;
        filter.project = project;
        filter.links = true;  // a hyper run's best-iteration link is copied too
        std::vector<model::Artifact> artifacts;
        m_source.for_each_artifact(filter,
                                   [&](const model::Artifact& a) { artifacts.push_back(a); });
        // Oldest first: each store moves the key's "latest" to the version stored, so the
        // newest must come last, as it came in the source.
        std::reverse(artifacts.begin(), artifacts.end());
        for (const auto& artifact : artifacts) {
            const std::string key =
                artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
            if (!m_options.uid.empty() && artifact.metadata.tree != m_options.uid) {
                continue;
            }
            const std::string tag = artifact.metadata.tag;
            const std::string name = project + "/" + key + "#" +
                                     std::to_string(artifact.metadata.iter) + "@" +
                                     artifact.metadata.tree + (tag.empty() ? "" : ":" + tag);
            store::ArtifactRef ref{project, key};
            ref.tree = artifact.metadata.tree;
            ref.iter = artifact.metadata.iter;
            ref.tag = tag;
            const auto there = m_target.find_artifact(ref);
            // The same version: the same content (hash) where the data is expected (the same
            // target, or the data folder of a copy with data).
            const bool same_place =
                there && (there->spec.target_path == artifact.spec.target_path ||
                          (!m_options.data_path.empty() &&
                           there->spec.target_path.starts_with(m_options.data_path.string())));
            if (there && same_place && there->metadata.hash == artifact.metadata.hash &&
                !(artifact.metadata.hash.empty() &&
                  there->spec.target_path != artifact.spec.target_path)) {
                record(ItemKind::artifact, name, Outcome::present);
                continue;
            }
            auto copied = artifact;
            if (!m_options.data_path.empty() && !copy_data(copied, name)) {
                continue;  // the record is not stored without its data
            }
            if (attempt(ItemKind::artifact, name, [&] { m_target.store_artifact(copied, tag); })) {
                record(ItemKind::artifact, name, Outcome::copied);
            }
        }
    }

    // Copies a local artifact's file or folder under data_path and points `artifact` there;
    // false (recorded as failed) when it cannot be copied or does not match its hash.
    bool copy_data(model::Artifact& artifact, const std::string& name)
    {
        const auto local = artifacts::local_target(artifact.spec.target_path);
        std::error_code error;
        if (!local || !std::filesystem::exists(*local, error)) {
            return true;  // elsewhere (s3://...) or gone: the record goes as it is
        }
        const auto destination = m_options.data_path / artifact.metadata.project /
                                 (artifact.metadata.tree.empty() ? "_" : artifact.metadata.tree) /
                                 std::to_string(artifact.metadata.iter) / local->filename();
        if (std::filesystem::weakly_canonical(destination, error) ==
            std::filesystem::weakly_canonical(*local, error)) {
            return true;  // already in place
        }
        const std::string old_target = artifact.spec.target_path;
        try {
            if (!m_options.dry_run) {
                std::string hash;
                std::uint64_t bytes = 0;
                if (std::filesystem::is_directory(*local, error)) {
                    const auto entries = artifacts::copy_tree(*local, destination, true);
                    hash = artifacts::tree_hash(entries);
                    for (const auto& entry : entries) {
                        bytes += entry.digest.size;
                    }
                } else {
                    const auto digest = artifacts::copy_file(*local, destination, true);
                    hash = digest.sha1;
                    bytes = digest.size;
                }
                if (!artifact.metadata.hash.empty() && hash != artifact.metadata.hash) {
                    std::filesystem::remove_all(destination, error);
                    throw Error("its data does not match its recorded hash (" +
                                artifact.metadata.hash + ", found " + hash + ")");
                }
                m_report.data_bytes += bytes;
            }
        } catch (const std::exception& failure) {
            record(ItemKind::artifact, name, Outcome::failed, failure.what());
            return false;
        }
        artifact.spec.target_path = destination.string();
        m_moved[old_target] = artifact.spec.target_path;
        return true;
    }

    // `run` with its artifacts' records pointing where their data was copied.
    model::Run moved(const model::Run& run) const
    {
        if (m_moved.empty() || !run.status.artifacts.is_array()) {
            return run;
        }
        auto copy = run;
        for (auto& entry : copy.status.artifacts) {
            if (!entry.is_object() || !entry.contains("spec") || !entry["spec"].is_object()) {
                continue;
            }
            auto& spec = entry["spec"];
            const auto target = spec.value("target_path", std::string{});
            if (const auto found = m_moved.find(target); found != m_moved.end()) {
                spec["target_path"] = found->second;
            }
        }
        return copy;
    }

    store::RunDB& m_source;
    store::RunDB& m_target;
    std::map<std::string, std::string> m_moved;  // old target path -> the copy's
    const SyncOptions& m_options;
    const std::function<void(const ItemEvent&)>& m_observe;
    SyncReport m_report;
    std::map<std::string, Present> m_there;  // the target's runs of the project being synced
};

}  // namespace

std::string_view to_string(ItemKind kind)
{
    switch (kind) {
    case ItemKind::project: return "project";
    case ItemKind::function: return "function";
    case ItemKind::run: return "run";
    case ItemKind::log: return "log";
    case ItemKind::artifact: return "artifact";
    }
    return "item";
}

std::size_t SyncReport::copied_total() const
{
    std::size_t total = 0;
    for (const auto count : copied) {
        total += count;
    }
    return total;
}

SyncReport sync_stores(store::RunDB& source, store::RunDB& target, const SyncOptions& options,
                       const std::function<void(const ItemEvent&)>& observe)
{
    return Syncer(source, target, options, observe).run();
}

}  // namespace mlrun::sync

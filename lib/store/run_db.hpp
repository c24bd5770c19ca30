// What the CLI needs of MLRun's run DB: projects, functions, runs, logs, artifacts and
// schedules. The embedded SQLite store and the HTTP client of an MLRun API both implement it;
// command code sees only this interface.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lib/error.hpp"
#include "lib/json.hpp"
#include "lib/model/artifact.hpp"
#include "lib/model/function.hpp"
#include "lib/model/project.hpp"
#include "lib/model/run.hpp"
#include "lib/util/time.hpp"

namespace mlrun::store {

inline constexpr std::string_view all_projects = "*";

// `k=v,k2` -> {"k=v", "k2"}: each entry requires the label (with that value when given).
std::vector<std::string> parse_labels(std::string_view selector);

enum class RunSort
{
    newest,  // by start time (or creation), newest first: the default
    oldest,
    name,
    state,
    updated,  // last update, newest first
};

// "start", "-start", "name", "state", "updated"...; throws Error(usage) otherwise.
RunSort parse_run_sort(std::string_view text);

// How a project delete treats what is stored under the project (MLRun's names).
enum class DeletionStrategy
{
    restricted,  // refuse while runs, logs, functions, artifacts or schedules remain
    cascading,   // delete them with the project
};

// "restricted"/"restrict", "cascading"/"cascade"; throws Error(usage) otherwise.
DeletionStrategy parse_deletion_strategy(std::string_view text);
std::string_view to_string(DeletionStrategy strategy);

// The refusal of a restricted delete, naming what was found ("runs", "functions"...).
Error project_not_empty(const std::string& project, const std::vector<std::string>& kinds);

struct RunFilter
{
    std::string project = {};  // "*" for every project
    std::string name = {};     // exact run name
    std::string uid = {};
    bool uid_prefix = false;  // uid matches the runs whose uid starts with it
    std::optional<std::int64_t> iteration = {};
    bool all_iterations = false;  // false: parent runs only (iteration 0), as MLRun lists them
    std::vector<std::string> labels = {};  // from parse_labels
    std::vector<model::RunState> states = {};
    std::optional<util::Micros> since = {};  // started (or created) at or after
    std::optional<util::Micros> until = {};  // started (or created) before
    RunSort sort = RunSort::newest;
    std::size_t limit = 0;   // 0: no limit
    std::size_t offset = 0;  // skip this many matching runs first (pages of a listing)
    // Only what the runs table shows (name, uid, iteration, project, parameters, state, start
    // time, results) and the runner of a local run (status.runner: a dead-runner check needs it);
    // a backend may return more. For fast listings.
    bool summary = false;
    // Only runs whose runner (status.runner, recorded while a local run goes on) ran on this
    // host: the few a dead-runner check can concern. The local store only; an API ignores it.
    std::string runner_host = {};
};

struct FunctionFilter
{
    std::string project = {};  // "*" for every project
    std::string name = {};
    // "": every version, each tagged one once per tag and an untagged one with tag "" (as
    // MLRun lists them); "*": the tagged ones only; else the versions carrying this tag.
    std::string tag = {};
    std::vector<std::string> labels = {};
    std::size_t limit = 0;
};

struct ArtifactFilter
{
    std::string project = {};  // "*" for every project
    std::string key = {};      // db key; exact
    std::string tag = {};      // only versions carrying this tag
    std::string kind = {};
    std::string tree = {};  // producer (run uid / workflow id)
    std::optional<std::int64_t> iter = {};
    std::vector<std::string> labels = {};
    bool best_iteration = false;  // only the best iteration of each hyper-parameter tree
    // Link artifacts too (a hyper-parameter run's pointer at its best iteration). MLRun's API
    // never lists them; copies, deletes and reference checks need them.
    bool links = false;
    std::size_t limit = 0;
    // Only what the artifacts table shows (key, db key, project, iter, tree, kind, target path,
    // hash, updated, tag, uid); a backend may return more. For fast listings.
    bool summary = false;
};

// Identifies one stored artifact version: key (db key), plus tag or tree/iter/uid.
struct ArtifactRef
{
    std::string project;
    std::string key;
    std::string tag = {};  // empty with no tree/uid: "latest"
    std::string tree = {};
    std::optional<std::int64_t> iter = {};
    std::string uid = {};
};

struct LogChunk
{
    std::string bytes;
    model::RunState state = model::RunState::unknown;  // the run's state, when known
};

struct Schedule
{
    std::string project;
    std::string name;
    std::string kind;  // job | pipeline | local_function...
    std::string cron;
    Json body = Json::object();
};

class ApiService;

class RunDB
{
public:
    virtual ~RunDB() = default;

    // Whether this is an MLRun API server (jobs can be submitted to it).
    virtual bool is_remote() const { return false; }

    // A short description of where data goes, for messages: a path or an API URL.
    virtual std::string location() const = 0;

    // --- projects
    virtual void store_project(const model::Project& project) = 0;
    virtual std::optional<model::Project> find_project(const std::string& name) = 0;
    virtual std::vector<model::Project> list_projects() = 0;
    // Deletes the project: restricted, only when nothing is stored under it (else throws
    // project_not_empty, deleting nothing); cascading, with everything under it. Throws
    // not_found when absent.
    virtual void delete_project(const std::string& name, DeletionStrategy strategy) = 0;

    // --- functions: stored versioned by content hash; `tag` (default "latest") points at it.
    // Returns the hash.
    virtual std::string store_function(const model::Function& function, const std::string& project,
                                       const std::string& tag) = 0;
    // Stores the function under `tag` only, as MLRun's project sync does (versioned=False on
    // an API): no content-hash version is kept, the function's one unversioned record is
    // replaced.
    virtual std::string store_function_unversioned(const model::Function& function,
                                                   const std::string& project,
                                                   const std::string& tag)
    {
        return store_function(function, project, tag);
    }
    // By `hash` when given, else by `tag` ("latest" when empty).
    virtual std::optional<model::Function> find_function(const std::string& project,
                                                         const std::string& name,
                                                         const std::string& tag,
                                                         const std::string& hash) = 0;
    virtual std::vector<model::Function> list_functions(const FunctionFilter& filter) = 0;
    virtual std::size_t delete_function(const std::string& project, const std::string& name) = 0;

    // --- runs, keyed by project + uid + iteration
    virtual void store_run(const model::Run& run) = 0;
    // Applies MLRun's dotted-key updates (`{"status.state": "error"}`); throws not_found.
    virtual void update_run(const std::string& project, const std::string& uid,
                            std::int64_t iteration, const Json& updates) = 0;
    // Applies the updates only while the run's state is still `expected`, and says whether it
    // did: a compare-and-set in one transaction on the local store; on an API, which has no
    // conditional update, the state is read again just before the PATCH. Throws not_found.
    virtual bool update_run_if_state(const std::string& project, const std::string& uid,
                                     std::int64_t iteration, model::RunState expected,
                                     const Json& updates) = 0;
    virtual std::optional<model::Run> find_run(const std::string& project, const std::string& uid,
                                               std::int64_t iteration) = 0;
    virtual std::vector<model::Run> list_runs(const RunFilter& filter) = 0;
    // Calls `visit` for each matching run without holding them all in memory.
    virtual void for_each_run(const RunFilter& filter,
                              const std::function<void(const model::Run&)>& visit) = 0;

    // Runs as documents, kept as their writer wrote them (an API server stores and answers
    // its clients' bodies unchanged); the defaults go through the object model.
    virtual void store_run_document(const Json& document);
    virtual std::optional<Json> find_run_document(const std::string& project,
                                                  const std::string& uid, std::int64_t iteration);
    virtual void for_each_run_document(const RunFilter& filter,
                                       const std::function<void(const Json&)>& visit);
    // Deletes every iteration of the run and its logs; returns how many rows went. A run still
    // running, pending or aborting is refused (Error failed), as an MLRun API refuses it.
    virtual std::size_t delete_run(const std::string& project, const std::string& uid) = 0;
    // Stores every run `next` yields (it returns false at the end) in one transaction: all or
    // nothing, memory flat. Existing project+uid+iteration are replaced, so importing the same
    // runs twice leaves one copy. Returns how many were stored.
    virtual std::size_t import_runs(const std::function<bool(model::Run&)>& next) = 0;
    // Marks a non-terminal run aborted; throws not_found, or failed when already terminal.
    virtual void abort_run(const std::string& project, const std::string& uid,
                           std::int64_t iteration) = 0;

    // --- logs, one byte stream per run
    virtual void append_log(const std::string& project, const std::string& uid,
                            std::string_view bytes) = 0;
    // Replaces the run's whole log with `bytes` (MLRun's append=no).
    virtual void replace_log(const std::string& project, const std::string& uid,
                             std::string_view bytes) = 0;
    // Up to `size` bytes from `offset` (size 0: to the end).
    virtual LogChunk read_log(const std::string& project, const std::string& uid,
                              std::uint64_t offset, std::uint64_t size) = 0;
    virtual std::uint64_t log_size(const std::string& project, const std::string& uid) = 0;

    // --- artifacts (MLRun API v2 semantics): a version is key + tree + iter + uid (content);
    // tags point at versions and "latest" always at the newest stored version of a key.
    virtual void store_artifact(const model::Artifact& artifact, const std::string& tag) = 0;
    // Stores several artifacts (each with its own `metadata.tag`, if any) at once: one round
    // trip or transaction where the backend allows it.
    virtual void store_artifacts(const std::vector<model::Artifact>& artifacts);
    virtual std::optional<model::Artifact> find_artifact(const ArtifactRef& ref) = 0;
    virtual std::vector<model::Artifact> list_artifacts(const ArtifactFilter& filter) = 0;
    // Calls `visit` for each matching artifact without holding them all (the default lists
    // them first).
    virtual void for_each_artifact(const ArtifactFilter& filter,
                                   const std::function<void(const model::Artifact&)>& visit);
    // Only a key: every version of it. Otherwise the one version `ref` names (as find_artifact
    // finds it) and nothing else. Returns how many versions went (0: none matched).
    virtual std::size_t delete_artifact(const ArtifactRef& ref) = 0;
    // Points `tag` at the version `ref` names (moving it from another version); throws not_found.
    virtual void tag_artifact(const ArtifactRef& ref, const std::string& tag) = 0;
    virtual std::size_t untag_artifact(const std::string& project, const std::string& key,
                                       const std::string& tag) = 0;

    // --- schedules
    virtual void store_schedule(const Schedule& schedule) = 0;
    virtual std::vector<Schedule> list_schedules(const std::string& project) = 0;
    virtual std::size_t delete_schedule(const std::string& project, const std::string& name) = 0;

    // --- what only an MLRun API does (run jobs and workflows on its cluster, build, deploy,
    // read storage): the API behind this store, or null for the local store.
    virtual ApiService* api() { return nullptr; }

    // Helpers that throw Error(not_found) instead of returning nothing.
    model::Project read_project(const std::string& name);
    model::Run read_run(const std::string& project, const std::string& uid, std::int64_t iteration);
    model::Function read_function(const std::string& project, const std::string& name,
                                  const std::string& tag, const std::string& hash);
    model::Artifact read_artifact(const ArtifactRef& ref);

    // The byte offset where the last `lines` lines of a run's log start, found by reading
    // windows back from the end: a 1 GB log is not read whole for its last lines.
    std::uint64_t log_tail_offset(const std::string& project, const std::string& uid,
                                  std::size_t lines);
};

// MLRun's function version hash: sha1 of the JSON with sorted keys, with metadata tag, hash,
// updated and status cleared.
std::string function_hash(const model::Function& function);

// Applies `{"a.b": v}` updates to an object, creating intermediate mappings.
void apply_dotted_updates(Json& object, const Json& updates);

}  // namespace mlrun::store

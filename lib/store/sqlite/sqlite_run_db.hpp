// The embedded run store: RunDB over one SQLite file (WAL, busy timeout, short write
// transactions), the default backend when no MLRun API is configured.
#pragma once

#include <memory>
#include <string>

#include "lib/store/run_db.hpp"
#include "lib/store/sqlite/database.hpp"

namespace mlrun::store {

class SqliteRunDB final : public RunDB
{
public:
    // Opens (read_write: creating) the store at `path` and migrates its schema. ":memory:" for
    // tests. Throws Error for a file that is not a store, is corrupt, newer, or unreadable.
    SqliteRunDB(const std::string& path, sqlite::OpenMode mode);

    std::string location() const override { return m_database.path(); }

    void store_project(const model::Project& project) override;
    std::optional<model::Project> find_project(const std::string& name) override;
    std::vector<model::Project> list_projects() override;
    void delete_project(const std::string& name, DeletionStrategy strategy) override;

    std::string store_function(const model::Function& function, const std::string& project,
                               const std::string& tag) override;
    std::string store_function_unversioned(const model::Function& function,
                                           const std::string& project,
                                           const std::string& tag) override;
    std::optional<model::Function> find_function(const std::string& project,
                                                 const std::string& name, const std::string& tag,
                                                 const std::string& hash) override;
    std::vector<model::Function> list_functions(const FunctionFilter& filter) override;
    std::size_t delete_function(const std::string& project, const std::string& name) override;

    void store_run(const model::Run& run) override;
    void update_run(const std::string& project, const std::string& uid, std::int64_t iteration,
                    const Json& updates) override;
    bool update_run_if_state(const std::string& project, const std::string& uid,
                             std::int64_t iteration, model::RunState expected,
                             const Json& updates) override;
    std::optional<model::Run> find_run(const std::string& project, const std::string& uid,
                                       std::int64_t iteration) override;
    std::vector<model::Run> list_runs(const RunFilter& filter) override;
    void store_run_document(const Json& document) override;
    std::optional<Json> find_run_document(const std::string& project, const std::string& uid,
                                          std::int64_t iteration) override;
    void for_each_run_document(const RunFilter& filter,
                               const std::function<void(const Json&)>& visit) override;
    void for_each_run(const RunFilter& filter,
                      const std::function<void(const model::Run&)>& visit) override;
    std::size_t delete_run(const std::string& project, const std::string& uid) override;
    std::size_t import_runs(const std::function<bool(model::Run&)>& next) override;
    void abort_run(const std::string& project, const std::string& uid,
                   std::int64_t iteration) override;

    void append_log(const std::string& project, const std::string& uid,
                    std::string_view bytes) override;
    void replace_log(const std::string& project, const std::string& uid,
                     std::string_view bytes) override;
    LogChunk read_log(const std::string& project, const std::string& uid, std::uint64_t offset,
                      std::uint64_t size) override;
    std::uint64_t log_size(const std::string& project, const std::string& uid) override;

    void store_artifact(const model::Artifact& artifact, const std::string& tag) override;
    void store_artifacts(const std::vector<model::Artifact>& artifacts) override;
    std::optional<model::Artifact> find_artifact(const ArtifactRef& ref) override;
    std::vector<model::Artifact> list_artifacts(const ArtifactFilter& filter) override;
    void for_each_artifact(const ArtifactFilter& filter,
                           const std::function<void(const model::Artifact&)>& visit) override;
    std::size_t delete_artifact(const ArtifactRef& ref) override;
    void tag_artifact(const ArtifactRef& ref, const std::string& tag) override;
    std::size_t untag_artifact(const std::string& project, const std::string& key,
                               const std::string& tag) override;

    void store_schedule(const Schedule& schedule) override;
    std::vector<Schedule> list_schedules(const std::string& project) override;
    std::size_t delete_schedule(const std::string& project, const std::string& name) override;

private:
    // Inside a transaction. `document`: the body to keep as it is (else the model's form).
    void write_run(const model::Run& run, const Json* document = nullptr);
    std::optional<Json> run_document(const std::string& project, const std::string& uid,
                                     std::int64_t iteration);
    // Each matching run's stored document, handed over (moved) to `visit`.
    void scan_run_documents(const RunFilter& filter, const std::function<void(Json&&)>& visit);
    void write_artifact(const model::Artifact& artifact, const std::string& tag);  // inside one
    std::string write_function(const model::Function& function, const std::string& project,
                               const std::string& tag, bool versioned);
    std::optional<std::int64_t> artifact_version_id(const ArtifactRef& ref);

    sqlite::Database m_database;
};

// Where the embedded store lives: `dbpath` empty -> `<home>/mlrun.db`; `sqlite:///p` -> p;
// an existing directory -> `<dir>/mlrun.db`; otherwise the path itself. `home` is $MLRUN_HOME
// or ~/.mlrun.
std::string store_path(const std::string& dbpath, const std::string& home);

}  // namespace mlrun::store

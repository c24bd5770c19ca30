// The local store as commands use it: opened for reading (a missing store reads as empty and is
// not created; a store in a folder this user cannot write can still be read), reopened for
// writing by the first call that writes. Commands never choose read or write handles.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "lib/store/open_run_db.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::store {

class UpgradingRunDB final : public RunDB
{
public:
    // `open(access)` opens the store for reading or for writing.
    explicit UpgradingRunDB(std::function<std::unique_ptr<RunDB>(Access)> open);

    std::string location() const override { return m_current->location(); }

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
    void for_each_run(const RunFilter& filter,
                      const std::function<void(const model::Run&)>& visit) override;
    void store_run_document(const Json& document) override;
    std::optional<Json> find_run_document(const std::string& project, const std::string& uid,
                                          std::int64_t iteration) override;
    void for_each_run_document(const RunFilter& filter,
                               const std::function<void(const Json&)>& visit) override;
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
    RunDB& reader() { return *m_current; }
    // The store opened for writing (once); the reading connection it replaces is kept until
    // this object goes, since a listing may still be stepping through it (a dead-runner check
    // writes from inside a listing).
    RunDB& writer();

    std::function<std::unique_ptr<RunDB>(Access)> m_open;
    std::unique_ptr<RunDB> m_current;
    std::vector<std::unique_ptr<RunDB>> m_replaced;
    bool m_writable = false;
};

}  // namespace mlrun::store

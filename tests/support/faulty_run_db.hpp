// A RunDB that forwards to another and fails the operations a test chooses: fault injection for
// what a real store does under load (locked past its busy timeout, a full disk).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "lib/store/run_db.hpp"

namespace mlrun::test {

class FaultyRunDB final : public store::RunDB
{
public:
    // `fault` is called with the operation's name ("append_log", "store_run", ...) before it is
    // forwarded; it throws to make that call fail.
    FaultyRunDB(store::RunDB& inner, std::function<void(std::string_view)> fault)
        : m_inner(inner), m_fault(std::move(fault))
    {
    }

    std::string location() const override { return m_inner.location(); }
    void store_project(const model::Project& project) override;
    std::optional<model::Project> find_project(const std::string& name) override;
    std::vector<model::Project> list_projects() override;
    void delete_project(const std::string& name, store::DeletionStrategy strategy) override;
    std::string store_function(const model::Function& function, const std::string& project,
                               const std::string& tag) override;
    std::optional<model::Function> find_function(const std::string& project,
                                                 const std::string& name, const std::string& tag,
                                                 const std::string& hash) override;
    std::vector<model::Function> list_functions(const store::FunctionFilter& filter) override;
    std::size_t delete_function(const std::string& project, const std::string& name) override;
    void store_run(const model::Run& run) override;
    void update_run(const std::string& project, const std::string& uid, std::int64_t iteration,
                    const Json& updates) override;
    bool update_run_if_state(const std::string& project, const std::string& uid,
                             std::int64_t iteration, model::RunState expected,
                             const Json& updates) override;
    std::optional<model::Run> find_run(const std::string& project, const std::string& uid,
                                       std::int64_t iteration) override;
    std::vector<model::Run> list_runs(const store::RunFilter& filter) override;
    void for_each_run(const store::RunFilter& filter,
                      const std::function<void(const model::Run&)>& visit) override;
    std::size_t delete_run(const std::string& project, const std::string& uid) override;
    std::size_t import_runs(const std::function<bool(model::Run&)>& next) override;
    void abort_run(const std::string& project, const std::string& uid,
                   std::int64_t iteration) override;
    void append_log(const std::string& project, const std::string& uid,
                    std::string_view bytes) override;
    void replace_log(const std::string& project, const std::string& uid,
                     std::string_view bytes) override;
    store::LogChunk read_log(const std::string& project, const std::string& uid,
                             std::uint64_t offset, std::uint64_t size) override;
    std::uint64_t log_size(const std::string& project, const std::string& uid) override;
    void store_artifact(const model::Artifact& artifact, const std::string& tag) override;
    void store_artifacts(const std::vector<model::Artifact>& artifacts) override;
    std::optional<model::Artifact> find_artifact(const store::ArtifactRef& ref) override;
    std::vector<model::Artifact> list_artifacts(const store::ArtifactFilter& filter) override;
    std::size_t delete_artifact(const store::ArtifactRef& ref) override;
    void tag_artifact(const store::ArtifactRef& ref, const std::string& tag) override;
    std::size_t untag_artifact(const std::string& project, const std::string& key,
                               const std::string& tag) override;
    void store_schedule(const store::Schedule& schedule) override;
    std::vector<store::Schedule> list_schedules(const std::string& project) override;
    std::size_t delete_schedule(const std::string& project, const std::string& name) override;

private:
    store::RunDB& m_inner;
    std::function<void(std::string_view)> m_fault;
};

}  // namespace mlrun::test

// The RunDB of a remote MLRun API server (rest-api.md §3): every call is the REST request the
// Python client makes, over one reused connection.
#pragma once

#include <chrono>
#include <memory>

#include "lib/http/client.hpp"
#include "lib/store/api_service.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::store {

class HttpRunDB final : public RunDB, public ApiService
{
public:
    explicit HttpRunDB(http::Settings settings);

    std::string location() const override;
    bool is_remote() const override { return true; }
    ApiService* api() override { return this; }
    Json client_spec() override;

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
    std::optional<model::Artifact> find_artifact(const ArtifactRef& ref) override;
    std::vector<model::Artifact> list_artifacts(const ArtifactFilter& filter) override;
    std::size_t delete_artifact(const ArtifactRef& ref) override;
    void tag_artifact(const ArtifactRef& ref, const std::string& tag) override;
    std::size_t untag_artifact(const std::string& project, const std::string& key,
                               const std::string& tag) override;

    void store_schedule(const Schedule& schedule) override;
    std::vector<Schedule> list_schedules(const std::string& project) override;
    std::size_t delete_schedule(const std::string& project, const std::string& name) override;

    std::string read_data(const std::string& project, const std::string& url) override;
    BuildAnswer build_function(const model::Function& function,
                               const BuildRequest& request) override;
    DeployProgress build_status(const model::Function& function, std::size_t offset,
                                std::size_t events_offset) override;
    model::Function deploy_nuclio(const model::Function& function) override;
    DeployProgress deploy_status(const model::Function& function, double last_timestamp) override;
    Json submit_workflow(const std::string& project, const std::string& name,
                         const Json& request) override;
    SubmitResult submit_job(const model::Run& task, const model::Function& function,
                            const std::string& schedule) override;

    // How often background tasks are polled at most (rest-api.md §3.8: 3 s); the first looks
    // come sooner (250 ms, doubling).
    void set_poll_interval(std::chrono::milliseconds interval) { m_poll_interval = interval; }
    http::Client& client() { return m_client; }

private:
    // POST logs/{uid}: appended, or replacing the whole log (MLRun's append=no).
    void store_log(const std::string& project, const std::string& uid, std::string_view bytes,
                   bool append);
    // Waits for a BackgroundTask (`task` as returned) at `path_prefix/<name>` to end; throws
    // Error when it failed.
    void wait_for_task(const Json& task, const std::string& path_prefix,
                       const std::string& context);
    // Sends `request`: std::nullopt for 404, Error for any other failure.
    std::optional<http::Response> get_unless_missing(const http::Request& request);
    // Every page of a paginated list (rest-api.md §3.10), handing each item to `visit` until
    // it returns false.
    void paginate(http::Request request, const std::string& items_key, std::size_t page_size,
                  const std::function<bool(Json&)>& visit);

    http::Client m_client;
    std::chrono::milliseconds m_poll_interval{3000};
};

}  // namespace mlrun::store

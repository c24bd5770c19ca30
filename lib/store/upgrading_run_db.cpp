// The local store, read until the first write.

#include "lib/store/upgrading_run_db.hpp"

namespace mlrun::store {

UpgradingRunDB::UpgradingRunDB(std::function<std::unique_ptr<RunDB>(Access)> open)
    : m_open(std::move(open)), m_current(m_open(Access::read))
{
}

RunDB& UpgradingRunDB::writer()
{
    if (!m_writable) {
        auto writable = m_open(Access::write);
        m_replaced.push_back(std::move(m_current));
        m_current = std::move(writable);
        m_writable = true;
    }
    return *m_current;
}

void UpgradingRunDB::store_project(const model::Project& project)
{
    writer().store_project(project);
}

std::optional<model::Project> UpgradingRunDB::find_project(const std::string& name)
{
    return reader().find_project(name);
}

std::vector<model::Project> UpgradingRunDB::list_projects()
{
    return reader().list_projects();
}

void UpgradingRunDB::delete_project(const std::string& name, DeletionStrategy strategy)
{
    writer().delete_project(name, strategy);
}

std::string UpgradingRunDB::store_function(const model::Function& function,
                                           const std::string& project, const std::string& tag)
{
    return writer().store_function(function, project, tag);
}

std::string UpgradingRunDB::store_function_unversioned(const model::Function& function,
                                                       const std::string& project,
                                                       const std::string& tag)
{
    return writer().store_function_unversioned(function, project, tag);
}

std::optional<model::Function> UpgradingRunDB::find_function(const std::string& project,
                                                             const std::string& name,
                                                             const std::string& tag,
                                                             const std::string& hash)
{
    return reader().find_function(project, name, tag, hash);
}

std::vector<model::Function> UpgradingRunDB::list_functions(const FunctionFilter& filter)
{
    return reader().list_functions(filter);
}

std::size_t UpgradingRunDB::delete_function(const std::string& project, const std::string& name)
{
    return writer().delete_function(project, name);
}

void UpgradingRunDB::store_run(const model::Run& run)
{
    writer().store_run(run);
}

void UpgradingRunDB::update_run(const std::string& project, const std::string& uid,
                                std::int64_t iteration, const Json& updates)
{
    writer().update_run(project, uid, iteration, updates);
}

bool UpgradingRunDB::update_run_if_state(const std::string& project, const std::string& uid,
                                         std::int64_t iteration, model::RunState expected,
                                         const Json& updates)
{
    return writer().update_run_if_state(project, uid, iteration, expected, updates);
}

std::optional<model::Run> UpgradingRunDB::find_run(const std::string& project,
                                                   const std::string& uid, std::int64_t iteration)
{
    return reader().find_run(project, uid, iteration);
}

std::vector<model::Run> UpgradingRunDB::list_runs(const RunFilter& filter)
{
    return reader().list_runs(filter);
}

void UpgradingRunDB::for_each_run(const RunFilter& filter,
                                  const std::function<void(const model::Run&)>& visit)
{
    reader().for_each_run(filter, visit);
}

void UpgradingRunDB::store_run_document(const Json& document)
{
    writer().store_run_document(document);
}

std::optional<Json> UpgradingRunDB::find_run_document(const std::string& project,
                                                      const std::string& uid,
                                                      std::int64_t iteration)
{
    return reader().find_run_document(project, uid, iteration);
}

void UpgradingRunDB::for_each_run_document(const RunFilter& filter,
                                           const std::function<void(const Json&)>& visit)
{
    reader().for_each_run_document(filter, visit);
}

std::size_t UpgradingRunDB::delete_run(const std::string& project, const std::string& uid)
{
    return writer().delete_run(project, uid);
}

std::size_t UpgradingRunDB::import_runs(const std::function<bool(model::Run&)>& next)
{
    return writer().import_runs(next);
}

void UpgradingRunDB::abort_run(const std::string& project, const std::string& uid,
                               std::int64_t iteration)
{
    writer().abort_run(project, uid, iteration);
}

void UpgradingRunDB::append_log(const std::string& project, const std::string& uid,
                                std::string_view bytes)
{
    writer().append_log(project, uid, bytes);
}

void UpgradingRunDB::replace_log(const std::string& project, const std::string& uid,
                                 std::string_view bytes)
{
    writer().replace_log(project, uid, bytes);
}

LogChunk UpgradingRunDB::read_log(const std::string& project, const std::string& uid,
                                  std::uint64_t offset, std::uint64_t size)
{
    return reader().read_log(project, uid, offset, size);
}

std::uint64_t UpgradingRunDB::log_size(const std::string& project, const std::string& uid)
{
    return reader().log_size(project, uid);
}

void UpgradingRunDB::store_artifact(const model::Artifact& artifact, const std::string& tag)
{
    writer().store_artifact(artifact, tag);
}

void UpgradingRunDB::store_artifacts(const std::vector<model::Artifact>& artifacts)
{
    writer().store_artifacts(artifacts);
}

std::optional<model::Artifact> UpgradingRunDB::find_artifact(const ArtifactRef& ref)
{
    return reader().find_artifact(ref);
}

std::vector<model::Artifact> UpgradingRunDB::list_artifacts(const ArtifactFilter& filter)
{
    return reader().list_artifacts(filter);
}

void UpgradingRunDB::for_each_artifact(const ArtifactFilter& filter,
                                       const std::function<void(const model::Artifact&)>& visit)
{
    reader().for_each_artifact(filter, visit);
}

std::size_t UpgradingRunDB::delete_artifact(const ArtifactRef& ref)
{
    return writer().delete_artifact(ref);
}

void UpgradingRunDB::tag_artifact(const ArtifactRef& ref, const std::string& tag)
{
    writer().tag_artifact(ref, tag);
}

std::size_t UpgradingRunDB::untag_artifact(const std::string& project, const std::string& key,
                                           const std::string& tag)
{
    return writer().untag_artifact(project, key, tag);
}

void UpgradingRunDB::store_schedule(const Schedule& schedule)
{
    writer().store_schedule(schedule);
}

std::vector<Schedule> UpgradingRunDB::list_schedules(const std::string& project)
{
    return reader().list_schedules(project);
}

std::size_t UpgradingRunDB::delete_schedule(const std::string& project, const std::string& name)
{
    return writer().delete_schedule(project, name);
}

}  // namespace mlrun::store

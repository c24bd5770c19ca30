// Forwards every call; see the header.

#include "tests/support/faulty_run_db.hpp"

namespace mlrun::test {

void FaultyRunDB::store_project(const model::Project& project)
{
    m_fault("store_project");
    m_inner.store_project(project);
}

std::optional<model::Project> FaultyRunDB::find_project(const std::string& name)
{
    m_fault("find_project");
    return m_inner.find_project(name);
}

std::vector<model::Project> FaultyRunDB::list_projects()
{
    m_fault("list_projects");
    return m_inner.list_projects();
}

void FaultyRunDB::delete_project(const std::string& name, store::DeletionStrategy strategy)
{
    m_fault("delete_project");
    m_inner.delete_project(name, strategy);
}

std::string FaultyRunDB::store_function(const model::Function& function, const std::string& project,
                                        const std::string& tag)
{
    m_fault("store_function");
    return m_inner.store_function(function, project, tag);
}

std::optional<model::Function> FaultyRunDB::find_function(const std::string& project,
                                                          const std::string& name,
                                                          const std::string& tag,
                                                          const std::string& hash)
{
    m_fault("find_function");
    return m_inner.find_function(project, name, tag, hash);
}

std::vector<model::Function> FaultyRunDB::list_functions(const store::FunctionFilter& filter)
{
    m_fault("list_functions");
    return m_inner.list_functions(filter);
}

std::size_t FaultyRunDB::delete_function(const std::string& project, const std::string& name)
{
    m_fault("delete_function");
    return m_inner.delete_function(project, name);
}

void FaultyRunDB::store_run(const model::Run& run)
{
    m_fault("store_run");
    m_inner.store_run(run);
}

void FaultyRunDB::update_run(const std::string& project, const std::string& uid,
                             std::int64_t iteration, const Json& updates)
{
    m_fault("update_run");
    m_inner.update_run(project, uid, iteration, updates);
}

bool FaultyRunDB::update_run_if_state(const std::string& project, const std::string& uid,
                                      std::int64_t iteration, model::RunState expected,
                                      const Json& updates)
{
    m_fault("update_run_if_state");
    return m_inner.update_run_if_state(project, uid, iteration, expected, updates);
}

std::optional<model::Run> FaultyRunDB::find_run(const std::string& project, const std::string& uid,
                                                std::int64_t iteration)
{
    m_fault("find_run");
    return m_inner.find_run(project, uid, iteration);
}

std::vector<model::Run> FaultyRunDB::list_runs(const store::RunFilter& filter)
{
    m_fault("list_runs");
    return m_inner.list_runs(filter);
}

void FaultyRunDB::for_each_run(const store::RunFilter& filter,
                               const std::function<void(const model::Run&)>& visit)
{
    m_fault("for_each_run");
    m_inner.for_each_run(filter, visit);
}

std::size_t FaultyRunDB::delete_run(const std::string& project, const std::string& uid)
{
    m_fault("delete_run");
    return m_inner.delete_run(project, uid);
}

std::size_t FaultyRunDB::import_runs(const std::function<bool(model::Run&)>& next)
{
    m_fault("import_runs");
    return m_inner.import_runs(next);
}

void FaultyRunDB::abort_run(const std::string& project, const std::string& uid,
                            std::int64_t iteration)
{
    m_fault("abort_run");
    m_inner.abort_run(project, uid, iteration);
}

void FaultyRunDB::append_log(const std::string& project, const std::string& uid,
                             std::string_view bytes)
{
    m_fault("append_log");
    m_inner.append_log(project, uid, bytes);
}

void FaultyRunDB::replace_log(const std::string& project, const std::string& uid,
                              std::string_view bytes)
{
    m_fault("replace_log");
    m_inner.replace_log(project, uid, bytes);
}

store::LogChunk FaultyRunDB::read_log(const std::string& project, const std::string& uid,
                                      std::uint64_t offset, std::uint64_t size)
{
    m_fault("read_log");
    return m_inner.read_log(project, uid, offset, size);
}

std::uint64_t FaultyRunDB::log_size(const std::string& project, const std::string& uid)
{
    m_fault("log_size");
    return m_inner.log_size(project, uid);
}

void FaultyRunDB::store_artifact(const model::Artifact& artifact, const std::string& tag)
{
    m_fault("store_artifact");
    m_inner.store_artifact(artifact, tag);
}

void FaultyRunDB::store_artifacts(const std::vector<model::Artifact>& artifacts)
{
    m_fault("store_artifacts");
    m_inner.store_artifacts(artifacts);
}

std::optional<model::Artifact> FaultyRunDB::find_artifact(const store::ArtifactRef& ref)
{
    m_fault("find_artifact");
    return m_inner.find_artifact(ref);
}

std::vector<model::Artifact> FaultyRunDB::list_artifacts(const store::ArtifactFilter& filter)
{
    m_fault("list_artifacts");
    return m_inner.list_artifacts(filter);
}

std::size_t FaultyRunDB::delete_artifact(const store::ArtifactRef& ref)
{
    m_fault("delete_artifact");
    return m_inner.delete_artifact(ref);
}

void FaultyRunDB::tag_artifact(const store::ArtifactRef& ref, const std::string& tag)
{
    m_fault("tag_artifact");
    m_inner.tag_artifact(ref, tag);
}

std::size_t FaultyRunDB::untag_artifact(const std::string& project, const std::string& key,
                                        const std::string& tag)
{
    m_fault("untag_artifact");
    return m_inner.untag_artifact(project, key, tag);
}

void FaultyRunDB::store_schedule(const store::Schedule& schedule)
{
    m_fault("store_schedule");
    m_inner.store_schedule(schedule);
}

std::vector<store::Schedule> FaultyRunDB::list_schedules(const std::string& project)
{
    m_fault("list_schedules");
    return m_inner.list_schedules(project);
}

std::size_t FaultyRunDB::delete_schedule(const std::string& project, const std::string& name)
{
    m_fault("delete_schedule");
    return m_inner.delete_schedule(project, name);
}

}  // namespace mlrun::test

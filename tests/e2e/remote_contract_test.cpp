// The RunDB contract (tests/unit/store/run_db_contract.cpp), which the local store passes,
// run through the HTTP backend against the contract server and against `mlrun serve`: the
// local store and an MLRun API must behave alike, deletes above all.

#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "lib/store/http/http_run_db.hpp"
#include "tests/e2e/api_server.hpp"
#include "tests/unit/store/run_db_contract.hpp"

namespace {

using mlrun::test::Backend;

// Each check gets a fresh server (an empty store); the servers live until the test ends.
struct FreshServers
{
    explicit FreshServers(Backend which = Backend::contract) : backend(which) {}

    Backend backend;
    std::vector<std::unique_ptr<mlrun::test::ApiServer>> servers;

    // `projects`: created first, as an MLRun API stores nothing under a missing project.
    mlrun::test::StoreFactory factory(std::vector<std::string> projects = {})
    {
        return [this, projects] {
            servers.push_back(
                std::make_unique<mlrun::test::ApiServer>(std::vector<std::string>{}, backend));
            mlrun::http::Settings settings;
            settings.base_url = servers.back()->url();
            settings.client_version = "1.7.0";
            settings.backoff_factor = 0;
            auto db = std::make_unique<mlrun::store::HttpRunDB>(settings);
            for (const auto& name : projects) {
                mlrun::model::Project project;
                project.metadata.name = name;
                db->store_project(project);
            }
            return std::unique_ptr<mlrun::store::RunDB>(std::move(db));
        };
    }
};

}  // namespace

TEST_CASE("remote contract: projects, restricted and cascading deletes")
{
    FreshServers servers;
    mlrun::test::check_projects(servers.factory());
}

TEST_CASE("remote contract: functions")
{
    FreshServers servers;
    mlrun::test::check_functions(servers.factory({"demo", "other"}));
}

TEST_CASE("remote contract: runs named by a whole uid or a unique prefix")
{
    FreshServers servers;
    mlrun::test::check_run_refs(servers.factory({"demo", "other", "sel"}));
}

TEST_CASE("remote contract: artifacts, one version deleted by tree, tag or uid")
{
    FreshServers servers;
    mlrun::test::check_artifacts(servers.factory({"demo"}));
}

TEST_CASE("remote contract: schedules")
{
    FreshServers servers;
    mlrun::test::check_schedules(servers.factory({"demo"}));
}

TEST_CASE("serve contract: projects, restricted and cascading deletes")
{
    FreshServers servers{Backend::serve};
    mlrun::test::check_projects(servers.factory());
}

TEST_CASE("serve contract: functions")
{
    FreshServers servers{Backend::serve};
    mlrun::test::check_functions(servers.factory({"demo", "other"}));
}

TEST_CASE("serve contract: runs named by a whole uid, a unique prefix or a selector")
{
    FreshServers servers{Backend::serve};
    mlrun::test::check_run_refs(servers.factory({"demo", "other", "sel"}));
}

TEST_CASE("serve contract: artifacts, one version deleted by tree, tag or uid")
{
    FreshServers servers{Backend::serve};
    mlrun::test::check_artifacts(servers.factory({"demo"}));
}

// The endpoint handlers, one group per file. Internal to lib/server.
#pragma once

#include "lib/model/artifact.hpp"
#include "lib/server/api_call.hpp"

namespace mlrun::server::detail {

// routes_misc.cpp
HttpResponse healthz(Call& call);
HttpResponse client_spec(Call& call);
HttpResponse frontend_spec(Call& call);
HttpResponse get_task(Call& call);
HttpResponse get_project_task(Call& call);
HttpResponse list_project_tasks(Call& call);
HttpResponse list_schedules(Call& call);
HttpResponse get_schedule(Call& call);
HttpResponse delete_schedule(Call& call);
HttpResponse list_secret_keys(Call& call);
HttpResponse unsupported(Call& call);

// routes_projects.cpp
HttpResponse create_project(Call& call);
HttpResponse list_projects(Call& call);
HttpResponse get_project(Call& call);
HttpResponse store_project(Call& call);
HttpResponse patch_project(Call& call);
HttpResponse delete_project_v1(Call& call);
HttpResponse project_summary(Call& call);
HttpResponse delete_project_v2(Call& call);

// routes_functions.cpp
HttpResponse store_function(Call& call);
HttpResponse get_function(Call& call);
HttpResponse list_functions(Call& call);
HttpResponse delete_function(Call& call);

// routes_runs.cpp
HttpResponse store_run(Call& call);
HttpResponse patch_run(Call& call);
HttpResponse get_run(Call& call);
HttpResponse delete_run(Call& call);
HttpResponse delete_runs(Call& call);
HttpResponse abort_run(Call& call);
HttpResponse list_runs(Call& call);
HttpResponse store_log(Call& call);
HttpResponse get_log(Call& call);
HttpResponse get_log_size(Call& call);

// routes_artifacts.cpp
HttpResponse store_artifact(Call& call);
HttpResponse create_artifact(Call& call);
HttpResponse get_artifact(Call& call);
HttpResponse list_artifacts(Call& call);
HttpResponse delete_artifact(Call& call);
HttpResponse delete_artifacts(Call& call);
HttpResponse artifact_tags(Call& call);
HttpResponse tag_artifacts(Call& call);
HttpResponse untag_artifacts(Call& call);
// An artifact as MLRun's server answers it: created time, top-level project; its tag only when
// `with_tag`.
Json artifact_view(const model::Artifact& artifact, bool with_tag);

// routes_jobs.cpp
HttpResponse submit_job(Call& call);
HttpResponse submit_workflow(Call& call);

// Paging as MLRun's list endpoints do it: `page`/`page-size`, then `page-token`.
struct Page
{
    std::size_t start = 0;
    std::size_t size = 0;  // 0: not paged, everything from `start`
    std::size_t page = 0;
};

// Reads the request's paging; a page token restores its listing's own query into
// `call.query` (the filters of the first page apply to every page). Call before reading
// filters.
Page open_page(Call& call);

// A listing's answer, {"KEY": [...], "pagination": {...}}, written item by item into one string
// (no document of the whole listing is built), with a token for the next page when this one
// is full.
class ListingWriter
{
public:
    ListingWriter(const char* key, const Page& page);
    void add(const Json& item);
    std::size_t count() const { return m_count; }
    HttpResponse finish(Call& call);

private:
    Page m_page;
    std::string m_body;
    std::size_t m_count = 0;
};

}  // namespace mlrun::server::detail

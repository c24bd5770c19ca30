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

// Paging as MLRun's list endpoints do it: page/page-size or page-token; `items` is called with
// (start, count) and returns that slice of the listing (count 0: everything from start).
Json paginate(Call& call, const char* key,
              const std::function<Json(std::size_t start, std::size_t count)>& items);

}  // namespace mlrun::server::detail

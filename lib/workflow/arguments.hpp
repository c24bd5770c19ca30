// A workflow's arguments as MLRun merges them: the workflow's `args`, then the defaults of its
// `args_schema`, then what the caller gave (-a); required arguments must end up present. The
// schema's `type` and `choices` are checked so that a CI pipeline fails before any step runs.
#pragma once

#include "lib/json.hpp"
#include "lib/model/project.hpp"

namespace mlrun::workflow {

// Throws Error(usage): "Workflow argument(s) a,b are required and were not specified" (MLRun's
// words), or a value that is not of its schema type or not one of its choices.
Json merge_arguments(const model::WorkflowEntry& workflow, const Json& given);

}  // namespace mlrun::workflow

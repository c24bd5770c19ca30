// What this build is: the tool's own version, the git commit, and the MLRun release it targets.
#pragma once

#include <string_view>

namespace mlrun {

struct BuildInfo
{
    std::string_view tool_version;   // e.g. 0.1.0
    std::string_view git_commit;     // short sha, or "unknown" outside a git checkout
    std::string_view mlrun_version;  // the MLRun client version we speak as, e.g. 1.7.0
    std::string_view api_version;    // REST API base version, "v1"
};

const BuildInfo& build_info();

}  // namespace mlrun

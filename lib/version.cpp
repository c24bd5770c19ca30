// What this build is; the only file that includes the generated build_info.hpp.

#include "lib/version.hpp"

#include "mlrun/build_info.hpp"

namespace mlrun {

const BuildInfo& build_info()
{
    static const BuildInfo info{MLRUN_TOOL_VERSION, MLRUN_GIT_COMMIT, MLRUN_TARGET_VERSION, "v1"};
    return info;
}

}  // namespace mlrun

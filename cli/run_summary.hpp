// The few lines that end a run on the terminal: what ran, how it ended, what it produced and
// how to look at it again (the commands a user copies next).
#pragma once

#include <ostream>

#include "lib/model/run.hpp"

namespace mlrun::cli {

// `Run NAME (UID) completed in project P`, the results, the artifacts' store:// URIs, the
// iterations of a hyper run (and the best one), the error of a failed run, then the
// `mlrun get run` / `mlrun logs` commands for it.
void print_run_summary(std::ostream& out, const model::Run& run);

}  // namespace mlrun::cli

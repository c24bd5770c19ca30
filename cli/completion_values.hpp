// The values `mlrun __complete` offers that the command tree does not hold.
#pragma once

#include "cli/completion.hpp"
#include "cli/invocation.hpp"

namespace mlrun::cli {

// Run uids (newest first) and project names from the embedded store (never a network call:
// nothing when the store is an API), the functions of ./project.yaml, project templates, `get`
// kinds, runtime kinds and config operations. Never throws: what cannot be read offers nothing.
ValueSource completion_values(Invocation& invocation);

}  // namespace mlrun::cli

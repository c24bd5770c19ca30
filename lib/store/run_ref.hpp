// A run as a person names it on the command line: its whole uid or a unique prefix of it,
// in a project, or (on the embedded store, when no project was given) in any project.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lib/store/run_db.hpp"

namespace mlrun::store {

struct RunRef
{
    std::string project;
    std::string uid;
    std::optional<model::Run> run = {};  // iteration 0, when the lookup read it whole
};

// Finds the one run `text` names: a uid or a unique prefix, or a selector: `latest` (the
// newest run) or `@-N` (the Nth before it; `@-1` the previous run). `project` empty means the user
// gave none: the embedded store then looks in every project, an API in `fallback` (the configured
// default project). Throws Error(not_found) when nothing matches, Error(usage) listing the matches
// when the prefix names several runs (or one uid in several projects).
RunRef resolve_run_ref(RunDB& db, std::string_view project, std::string_view fallback,
                       std::string_view text);

}  // namespace mlrun::store

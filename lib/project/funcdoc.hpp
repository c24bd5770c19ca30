// A code file's handlers as MLRun's `spec.entry_points`, read with Python's own parser (the
// embedded mlrun_funcdoc.py, run by python3; the file is parsed, never imported).
#pragma once

#include <filesystem>

#include "lib/config/environment.hpp"
#include "lib/json.hpp"

namespace mlrun::project {

// Throws Error(usage) with file:line:col for a file Python cannot parse, Error(not_found) when
// python3 is not installed.
Json describe_handlers(const std::filesystem::path& code_file,
                       const std::filesystem::path& funcdoc_script,
                       const config::Environment& environment);

}  // namespace mlrun::project

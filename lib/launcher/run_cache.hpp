// The opt-in run cache (`mlrun run --cache`): a run whose function code and spec, handler,
// parameters and input contents are those of an earlier completed run, whose artifacts are
// still there unchanged, is not run again: a new run is recorded with the earlier one's results
// and artifact records and `status.cached_from`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lib/json.hpp"
#include "lib/model/function.hpp"
#include "lib/model/run.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::launcher {

inline constexpr const char* cache_key_label = "cache-key";
inline constexpr const char* cache_parts_annotation = "mlrun/cache-key-parts";

struct CacheKey
{
    std::string key;  // sha1 of the parts
    // {"code", "spec", "handler", "parameters", "inputs": {name: hash}}: what the key is made of,
    // recorded on the run so that a later miss can say what changed.
    Json parts;
};

// The key of `run` (its spec's handler, parameters, hyper-parameters and inputs, local paths by
// content) with `function` (its spec, and its code: `code_file`'s bytes, or the embedded code),
// and `arguments` of a script or command.
CacheKey run_cache_key(const model::Function& function, const std::filesystem::path& code_file,
                       const model::Run& run, const std::vector<std::string>& arguments);

struct CacheLookup
{
    std::optional<model::Run> hit;
    // Why there is no hit, for --explain: what changed from the nearest earlier run, or that
    // no earlier run had a key, or that its artifacts changed.
    std::string explanation;
};

// The newest completed run of `project` with this key whose local artifact files are all
// there with their recorded hashes.
CacheLookup find_cached_run(store::RunDB& db, const std::string& project, const CacheKey& key,
                            const std::string& run_name);

// The run recorded for a hit: `fresh` (the new run: its uid, name, labels, spec) with `hit`'s
// results, artifact records and iterations, completed, `status.cached_from` set.
model::Run cached_run(const model::Run& hit, model::Run fresh);

// Which parts differ: "code", "spec", "handler", "parameters", "inputs.NAME" ("inputs.NAME"
// also for an input only one of them has).
std::vector<std::string> changed_parts(const Json& before, const Json& now);

}  // namespace mlrun::launcher

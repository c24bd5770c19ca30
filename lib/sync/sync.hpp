// Copying what one run store holds into another, through the RunDB interface only, so that any
// pair of backends works both ways (the embedded store to an MLRun API, an API to a store file,
// two store files): projects, functions, runs with all their iterations, logs and artifact
// records. Idempotent: what the target already has is not sent again (runs: same uid and
// iteration, a last update at least as new; logs: only the bytes the target lacks; functions:
// the same content hash under the tag; artifacts: the same version). So an interrupted sync is
// resumed by running it again.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lib/store/run_db.hpp"
#include "lib/util/time.hpp"

namespace mlrun::sync {

struct SyncOptions
{
    std::vector<std::string> projects;  // empty: every project of the source
    std::optional<util::Micros> since;  // only runs started (or created) at or after
    std::string uid;                    // only this run (and its iterations)
    std::vector<std::string> labels;    // only runs with these labels (k=v or k)
    bool dry_run = false;               // decide and report, write nothing
    // With data: each copied artifact's local file (or folder) is copied under this folder
    // (<folder>/<project>/<tree>/<iter>/<name>), verified against the recorded hash, and the
    // target's records (the artifact's and its run's) point there. Empty: records only.
    std::filesystem::path data_path = {};
};

enum class ItemKind
{
    project,
    function,
    run,
    log,
    artifact,
};

std::string_view to_string(ItemKind kind);

enum class Outcome
{
    copied,      // written to the target (or would be, in a dry run)
    present,     // the target has it already
    kept_newer,  // the target's copy is newer: left alone
    failed,
};

struct ItemEvent
{
    ItemKind kind;
    std::string name;  // "project/key", "project/uid#iter"...
    Outcome outcome;
    std::string detail;  // the error of a failure; bytes of a log
};

struct SyncReport
{
    std::size_t copied[5] = {};
    std::size_t present[5] = {};
    std::size_t kept_newer[5] = {};
    std::vector<ItemEvent> failures;
    std::uint64_t log_bytes = 0;
    std::uint64_t data_bytes = 0;  // artifact data copied (with data_path)

    std::size_t copied_total() const;
};

// Copies from `source` into `target`; `observe` sees every item decided (for progress and
// listings). A failing item is recorded and the sync goes on; throws Error only when the
// source cannot be read at all.
SyncReport sync_stores(store::RunDB& source, store::RunDB& target, const SyncOptions& options,
                       const std::function<void(const ItemEvent&)>& observe = {});

}  // namespace mlrun::sync

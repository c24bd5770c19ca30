// Checks every RunDB backend must pass. Each check takes a fresh, empty store.
#pragma once

#include <functional>
#include <memory>

#include "lib/store/run_db.hpp"

namespace mlrun::test {

using StoreFactory = std::function<std::unique_ptr<store::RunDB>()>;

void check_projects(const StoreFactory& make);
void check_functions(const StoreFactory& make);
void check_runs(const StoreFactory& make);
// Runs named by a whole uid or a unique prefix (store::resolve_run_ref).
void check_run_refs(const StoreFactory& make);
void check_logs(const StoreFactory& make);
void check_artifacts(const StoreFactory& make);
void check_schedules(const StoreFactory& make);

}  // namespace mlrun::test

// A run as MLRun records it when it has a run DB (golden rest/cli-local-run: the run body the
// real client stores): the keys it always writes, empty ones included, and the owner as Python
// finds the user.
#pragma once

#include <string>
#include <string_view>

#include "lib/config/config.hpp"
#include "lib/config/environment.hpp"
#include "lib/model/function.hpp"
#include "lib/model/run.hpp"

namespace mlrun::launcher {

// The user name as Python's getpass.getuser() finds it: $LOGNAME, $USER, $LNAME, $USERNAME,
// then the password database entry of the real user id ("root" in a container with no $USER).
// "unknown" only when neither says.
std::string effective_user(const config::Environment& environment);

// The owner MLRun records on runs, workflow runs and artifacts: $V3IO_USERNAME when set (and
// not empty), else effective_user(). The one owner rule.
std::string run_owner(const config::Environment& environment);

// Adds what MLRun writes on every run and `run` lacks: kind "run", spec.log_level,
// spec.state_thresholds (the configured defaults, overlaid by the run's own), and the empty
// annotations, inputs, outputs, notifications, node selector, hyper-parameters and data stores.
void add_recorded_keys(model::Run& run, const config::Config& config);

// The function a run stores, as MLRun's client stores it (golden rest: the function record of
// `mlrun run --local` and of local workflow steps): for a run recorded as local (`run_kind`, its
// kind label) a function of another kind becomes the local function that executes it (its name,
// labels, code, build and description; no image or default handler). It carries `project` and
// the access key placeholder MLRun's client sends ("$generate": the API makes one where it checks
// keys).
model::Function recorded_function(const model::Function& function, const std::string& project,
                                  std::string_view run_kind);

}  // namespace mlrun::launcher

// Options several commands share, spelled and explained the same way everywhere.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/invocation.hpp"

namespace mlrun::cli {

// `--output table|json|yaml` (long form only: `run -o` means --outputs).
void add_output_option(CLI::App& command, Invocation& invocation);

// `--env-file FILE`: KEY=VALUE lines applied over the environment before anything else.
void add_env_file_option(CLI::App& command, Invocation& invocation);

// `--db URL`: the API URL or local store path for this invocation.
void add_db_option(CLI::App& command, Invocation& invocation);

// A number of seconds: finite, from 0 up to 10^8 (about three years); `nan`, `inf` and values
// that would overflow a clock are usage errors.
const CLI::Validator& seconds();

// A whole number from `minimum` to `maximum` (counts, limits, parallelism, byte offsets).
CLI::Validator whole_number(long long minimum, long long maximum = 1'000'000'000);

}  // namespace mlrun::cli

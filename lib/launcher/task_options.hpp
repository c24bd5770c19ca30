// Turning `mlrun run` flags into a run object with MLRun's parsing rules (cli.md §2.4-2.5,
// runs-and-artifacts.md §4): parameters, hyper-parameters, inputs, labels, names, commands.
#pragma once

#include <string>
#include <vector>

#include "lib/config/environment.hpp"
#include "lib/json.hpp"
#include "lib/reporter.hpp"

namespace mlrun::launcher {

// The flag a KEY=VALUE list came from, and what becomes of an entry without '='. MLRun's
// flags skip it silently; here it is skipped with a warning through `reporter` (naming the
// flag), or, when `reporter` is null (this tool's own commands), refused with Error(usage).
struct PairOption
{
    std::string_view flag;
    Reporter* reporter = nullptr;
};

// `-p key=value` list -> {key: literal-eval'd value}; entries without `=` as `option` says; an
// integer beyond int64 throws Error(usage) ("Parameter k value v exceeds int64").
Json parse_parameters(const std::vector<std::string>& pairs, PairOption option);

// `-i key=path` list -> {key: path}, $VARS expanded, entries without `=` as `option` says.
Json parse_inputs(const std::vector<std::string>& pairs, const config::Environment& environment,
                  PairOption option);

// `--label k=v` list -> {k: v}, $VARS expanded, entries without `=` as `option` says.
Json parse_labels(const std::vector<std::string>& pairs, const config::Environment& environment,
                  PairOption option);

// `--secrets KIND=SOURCE` list -> [{kind, source}], $VARS in the source expanded. Throws
// Error(usage) for an entry without KIND=.
Json parse_secret_sources(const std::vector<std::string>& values,
                          const config::Environment& environment);

// The sources as a run records them: an `inline` source's values are never stored or printed,
// only its keys (`{"kind": "inline", "source": ["KEY", ...]}`). Throws Error(usage) for an
// inline source that is not a dict literal.
Json recorded_secret_sources(const Json& sources);

// The values of every inline source, as one JSON object (handed to a local handler through
// its environment, never through the run object).
Json inline_secret_values(const Json& sources);

// `--returns` values: each literal-eval'd; strings `key` or `key:type`, or dicts with `key`.
// Throws Error(usage) for an invalid hint.
Json parse_returns(const std::vector<std::string>& values);

// MLRun's name normalisation, then validation as a run name (<= 63 chars, k8s label value).
// Throws Error(usage) naming the field for an invalid name.
std::string normalize_run_name(const std::string& name);

// Python str.format of `{name}` placeholders with parameter values ({{ and }} escape braces).
// Throws Error(usage) for a placeholder without a parameter.
std::string format_with_parameters(const std::string& text, const Json& parameters);

// Splits a command line on whitespace (no shell quoting, as MLRun does).
std::vector<std::string> split_command(const std::string& text);

// The `URL` positional: surrounding quotes removed, then split at the first whitespace run
// into the code file and its arguments.
std::pair<std::string, std::string> split_url(const std::string& url);

}  // namespace mlrun::launcher

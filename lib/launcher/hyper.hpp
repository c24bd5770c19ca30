// Hyper-parameter runs (runs-and-artifacts.md §9): the parameter sets of each iteration, the
// best iteration by a selector, and the parent's `iterations` table.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "lib/json.hpp"
#include "lib/model/run.hpp"

namespace mlrun::launcher {

// One parameter set per iteration. `grid`: every combination (first key varies slowest);
// `list`: the i-th value of every list (all lists the same length); `random`: `max_iterations`
// random picks. Throws Error(usage) for an unknown strategy, a non-list value or unequal lists.
std::vector<Json> hyper_iterations(const Json& hyperparams, const std::string& strategy,
                                   std::size_t max_iterations, std::mt19937_64& random);

// Reads a hyper-parameter file: JSON (a map of lists) or CSV (a header of names, then rows,
// values literal-eval'd; rows become one list per column, for the `list` strategy).
Json read_param_file(const std::string& path);

// The index of the best completed child by `selector` (`max.key`, `min.key` or `key` = max),
// std::nullopt when no child has the result. Throws Error(usage) for a malformed selector.
std::optional<std::size_t> select_best(const std::vector<model::Run>& children,
                                       const std::string& selector);

// MLRun's table: a header row [state, iter, param.<p>..., output.<r>...], then one row per child.
Json iterations_table(const std::vector<model::Run>& children);

}  // namespace mlrun::launcher

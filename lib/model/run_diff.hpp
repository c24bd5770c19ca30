// Side-by-side comparison of two runs: what `mlrun runs diff` shows.
#pragma once

#include <string>
#include <vector>

#include "lib/json.hpp"
#include "lib/model/run.hpp"

namespace mlrun::model {

struct FieldDifference
{
    std::string field;  // e.g. "state", "parameters.lr", "artifacts.model.hash"
    Json a;             // null when the run has no such field
    Json b;
    bool changed() const { return a != b; }
};

// Compares identity and outcome fields: name, function, state, error, commit, start time,
// then every parameter, result, label and artifact hash of either run, in that order.
std::vector<FieldDifference> diff_runs(const Run& a, const Run& b);

}  // namespace mlrun::model

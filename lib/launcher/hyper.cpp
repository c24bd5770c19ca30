// Hyper-parameter runs: iterations, selection and the iterations table.

#include "lib/launcher/hyper.hpp"

#include <set>

#include "lib/error.hpp"
#include "lib/launcher/py_literal.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::launcher {
namespace {

void require_lists(const Json& hyperparams)
{
    if (!hyperparams.is_object() || hyperparams.empty()) {
        throw Error("hyper-parameters must map names to lists of values", ErrorKind::usage);
    }
    for (auto it = hyperparams.begin(); it != hyperparams.end(); ++it) {
        if (!it->is_array() || it->empty()) {
            throw Error("hyper-parameter '" + it.key() + "' must be a non-empty list, e.g. -x " +
                            it.key() + "=[1,2,3]",
                        ErrorKind::usage);
        }
    }
}

}  // namespace

std::vector<Json> hyper_iterations(const Json& hyperparams, const std::string& strategy,
                                   std::size_t max_iterations, std::mt19937_64& random)
{
    require_lists(hyperparams);
    std::vector<Json> sets;
    if (strategy.empty() || strategy == "grid") {
        // The first hyper-parameter varies fastest, as MLRun enumerates the grid (golden
        // local-runs/hyper-grid); the keys of each set keep the given order.
        std::vector<std::pair<std::string, const Json*>> names;
        for (auto it = hyperparams.begin(); it != hyperparams.end(); ++it) {
            names.emplace_back(it.key(), &*it);
        }
        std::vector<std::vector<Json>> combos{{}};
        for (auto name = names.rbegin(); name != names.rend(); ++name) {
            std::vector<std::vector<Json>> next;
            for (const auto& partial : combos) {
                for (const auto& value : *name->second) {
                    auto combined = partial;
                    combined.insert(combined.begin(), value);
                    next.push_back(std::move(combined));
                }
            }
            combos = std::move(next);
        }
        for (const auto& values : combos) {
            Json set = Json::object();
            for (std::size_t i = 0; i < names.size(); ++i) {
                set[names[i].first] = values[i];
            }
            sets.push_back(std::move(set));
        }
        return sets;
    }
    if (strategy == "list") {
        const auto size = hyperparams.begin()->size();
        for (auto it = hyperparams.begin(); it != hyperparams.end(); ++it) {
            if (it->size() != size) {
                throw Error("with the list strategy every hyper-parameter needs the same number of "
                            "values ('" +
                                it.key() + "' has " + std::to_string(it->size()) + ", expected " +
                                std::to_string(size) + ")",
                            ErrorKind::usage);
            }
        }
        for (std::size_t i = 0; i < size; ++i) {
            Json set = Json::object();
            for (auto it = hyperparams.begin(); it != hyperparams.end(); ++it) {
                set[it.key()] = (*it)[i];
            }
            sets.push_back(std::move(set));
        }
        return sets;
    }
    if (strategy == "random") {
        for (std::size_t i = 0; i < (max_iterations == 0 ? 10 : max_iterations); ++i) {
            Json set = Json::object();
            for (auto it = hyperparams.begin(); it != hyperparams.end(); ++it) {
                std::uniform_int_distribution<std::size_t> pick(0, it->size() - 1);
                set[it.key()] = (*it)[pick(random)];
            }
            sets.push_back(std::move(set));
        }
        return sets;
    }
    throw Error("unknown hyper-parameter strategy '" + strategy + "'", ErrorKind::usage,
                "use grid, list or random");
}

Json read_param_file(const std::string& path)
{
    const auto text = util::read_file(path);
    if (path.ends_with(".json")) {
        auto data = try_parse_json(text).value_or(nullptr);
        if (!data.is_object()) {
            throw Error("param file '" + path + "' must hold a JSON object of lists",
                        ErrorKind::usage);
        }
        return data;
    }
    Json columns = Json::object();
    std::vector<std::string> names;
    for (const auto& raw : util::split(text, "\n")) {
        const auto line = util::trim(raw);
        if (line.empty()) {
            continue;
        }
        const auto cells = util::split(line, ",");
        if (names.empty()) {
            for (const auto& cell : cells) {
                names.emplace_back(util::trim(cell));
                columns[names.back()] = Json::array();
            }
            continue;
        }
        if (cells.size() != names.size()) {
            throw Error("param file '" + path + "': a row has " + std::to_string(cells.size()) +
                            " values, expected " + std::to_string(names.size()),
                        ErrorKind::usage);
        }
        for (std::size_t i = 0; i < cells.size(); ++i) {
            columns[names[i]].push_back(parse_parameter_value(util::trim(cells[i])));
        }
    }
    return columns;
}

std::optional<std::size_t> select_best(const std::vector<model::Run>& children,
                                       const std::string& selector)
{
    if (selector.empty()) {
        return std::nullopt;
    }
    bool maximize = true;
    std::string key = selector;
    if (const auto dot = selector.find('.'); dot != std::string::npos) {
        const auto direction = selector.substr(0, dot);
        if (direction != "max" && direction != "min") {
            throw Error("invalid selector '" + selector + "'", ErrorKind::usage,
                        "use max.RESULT or min.RESULT");
        }
        maximize = direction == "max";
        key = selector.substr(dot + 1);
    }
    std::optional<std::size_t> best;
    double best_value = 0;
    for (std::size_t i = 0; i < children.size(); ++i) {
        const auto& run = children[i];
        if (run.status.state != model::RunState::completed) {
            continue;
        }
        const auto found = run.status.results.find(key);
        if (found == run.status.results.end() || !found->is_number()) {
            continue;
        }
        const auto value = found->get<double>();
        if (!best || (maximize ? value > best_value : value < best_value)) {
            best = i;
            best_value = value;
        }
    }
    return best;
}

Json iterations_table(const std::vector<model::Run>& children)
{
    std::vector<std::string> params;
    std::vector<std::string> outputs;
    std::set<std::string> seen_params;
    std::set<std::string> seen_outputs;
    for (const auto& run : children) {
        for (auto it = run.spec.parameters.begin(); it != run.spec.parameters.end(); ++it) {
            if (seen_params.insert(it.key()).second) {
                params.push_back(it.key());
            }
        }
        for (auto it = run.status.results.begin(); it != run.status.results.end(); ++it) {
            if (seen_outputs.insert(it.key()).second) {
                outputs.push_back(it.key());
            }
        }
    }
    Json header = Json::array({"state", "iter"});
    for (const auto& name : params) {
        header.push_back("param." + name);
    }
    for (const auto& name : outputs) {
        header.push_back("output." + name);
    }
    Json table = Json::array({header});
    for (const auto& run : children) {
        Json row =
            Json::array({std::string{model::to_string(run.status.state)}, run.metadata.iteration});
        for (const auto& name : params) {
            row.push_back(run.spec.parameters.value(name, Json{}));
        }
        for (const auto& name : outputs) {
            row.push_back(run.status.results.value(name, Json{}));
        }
        table.push_back(std::move(row));
    }
    return table;
}

}  // namespace mlrun::launcher

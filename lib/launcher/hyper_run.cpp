// A hyper-parameter run: children, then the parent's table, best iteration and state.

#include "lib/launcher/hyper_run.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <random>
#include <thread>

#include "lib/error.hpp"
#include "lib/launcher/hyper.hpp"
#include "lib/model/artifact.hpp"
#include "lib/util/files.hpp"
#include "lib/util/hash.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::launcher {
namespace {

std::string header(std::size_t index)
{
    return "> --------------- Iteration: (" + std::to_string(index + 1) + ") ---------------\n";
}

LocalTask child_task(const LocalTask& task, const Json& parameters, std::size_t index)
{
    auto child = task;
    child.run.metadata.iteration = static_cast<std::int64_t>(index + 1);
    child.run.spec.hyperparams = Json::object();
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        child.run.spec.parameters[it.key()] = it.value();
    }
    return child;
}

// One CSV cell as pandas writes it: numbers in Python's shortest form, True/False, empty null.
std::string csv_cell(const Json& value)
{
    if (value.is_null()) {
        return {};
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "True" : "False";
    }
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.find_first_of(",\"\r\n") != std::string::npos) {
        text = "\"" + util::replace_all(text, "\"", "\"\"") + "\"";
    }
    return text;
}

std::string iterations_csv(const Json& table)
{
    std::string out;
    for (const auto& row : table) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out += (i == 0 ? "" : ",") + csv_cell(row[i]);
        }
        out += "\n";
    }
    return out;
}

// Writes `body` at `target` unless another file is there: the bytes go to a temporary file
// beside it, claimed with a hard link (never a rename over an existing name), so no run's file
// is replaced, however many write at once. True when `target` now holds `body`.
bool claim_file(const std::filesystem::path& target, const std::string& body)
{
    std::filesystem::create_directories(target.parent_path());
    const auto temporary = target.parent_path() /
                           ("." + target.filename().string() + ".mlrun-" +
                            std::to_string(::getpid()) + "-" + util::sha1_hex(body).substr(0, 8));
    util::write_file_atomically(temporary, body);
    const bool linked = ::link(temporary.c_str(), target.c_str()) == 0;
    const int error = errno;
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    if (linked) {
        return true;
    }
    if (error != EEXIST) {
        throw Error("cannot write " + target.string() + ": " + std::strerror(error));
    }
    return util::find_file(target) == body;  // the same bytes: shared, as for every artifact
}

// The parent's `iteration_results` table artifact (what MLRun logs for every hyper run), written
// beside the iterations' artifacts; an existing file with other bytes is never replaced (the
// run's own path is used then, as for every artifact).
Json log_iteration_results(const model::Run& parent, const std::string& artifact_path,
                           store::RunDB& db)
{
    const auto& metadata = parent.metadata;
    const auto body = iterations_csv(parent.status.iterations);
    const std::filesystem::path root{artifact_path};
    auto target = root / metadata.name / "0" / "iteration_results.csv";
    if (!claim_file(target, body)) {
        // Another run's different table holds MLRun's path: this run's own path, which only
        // this run writes (it may replace its own earlier copy).
        target = root / metadata.uid / metadata.name / "0" / "iteration_results.csv";
        std::filesystem::create_directories(target.parent_path());
        util::write_file_atomically(target, body);
    }
    const auto owner = metadata.labels.value("owner", std::string{});
    Json artifact = {
        {"kind", "table"},
        {"metadata",
         {{"key", "iteration_results"},
          {"project", metadata.project},
          {"iter", 0},
          {"tree", metadata.uid},
          {"hash", util::sha1_hex(body)}}},
        {"spec",
         {{"header",
           parent.status.iterations.empty() ? Json::array() : parent.status.iterations.front()},
          {"db_key", metadata.name + "_iteration_results"},
          {"size", body.size()},
          {"src_path", "iteration_results.csv"},
          {"viewer", "table"},
          {"target_path", target.string()},
          {"producer",
           {{"name", metadata.name},
            {"kind", "run"},
            {"uri", metadata.project + "/" + metadata.uid},
            {"owner", owner}}}}},
        {"status", {{"state", "created"}}}};
    auto stored = model::artifact_from_json(artifact);
    model::add_stored_keys(stored);
    db.store_artifact(stored, "");
    return artifact;
}

bool stopped(const std::atomic<bool>* cancel)
{
    return cancel != nullptr && cancel->load();
}

}  // namespace

model::Run execute_hyper(const LocalTask& task, const HyperRun& hyper, store::RunDB& db,
                         RunOutput& output, const std::atomic<bool>* cancel)
{
    const auto& options = task.run.spec.hyper_param_options;
    std::mt19937_64 random{std::random_device{}()};
    const auto sets = hyper_iterations(
        task.run.spec.hyperparams,
        // a parameter file's rows are the iterations (MLRun's list default)
        options.value("strategy", std::string{options.contains("param_file") ? "list" : "grid"}),
        options.value("max_iterations", std::size_t{10}), random);

    auto parent = task.run;
    parent.status.state = model::RunState::running;
    parent.status.start_time = util::format_iso(util::now_micros());
    db.store_run(parent);

    std::vector<model::Run> children(sets.size());
    std::vector<char> ran(sets.size(), 0);  // not vector<bool>: workers write neighbours at once
    const auto workers =
        std::min<std::size_t>(std::max<std::size_t>(hyper.max_parallel, 1), sets.size());
    if (workers <= 1 || !hyper.connect) {
        for (std::size_t i = 0; i < sets.size() && !stopped(cancel); ++i) {
            output.out(header(i));
            try {  // the log is best-effort: a failed append never stops the iterations
                db.append_log(parent.metadata.project, parent.metadata.uid, header(i));
            } catch (const Error&) {
            }
            children[i] = execute_local(child_task(task, sets[i], i), db, output, cancel);
            ran[i] = 1;
        }
    } else {
        // Each worker has its own store connection; the store takes concurrent writers.
        std::atomic<std::size_t> next{0};
        std::vector<std::exception_ptr> failures(workers);
        std::vector<std::thread> threads;
        for (std::size_t w = 0; w < workers; ++w) {
            threads.emplace_back([&, w] {
                try {
                    auto connection = hyper.connect();
                    for (auto i = next++; i < sets.size() && !stopped(cancel); i = next++) {
                        output.out(header(i));
                        children[i] = execute_local(child_task(task, sets[i], i), *connection,
                                                    output, cancel);
                        ran[i] = 1;
                    }
                } catch (...) {
                    failures[w] = std::current_exception();
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        for (const auto& failure : failures) {
            if (failure) {
                std::rethrow_exception(failure);
            }
        }
    }
    std::vector<model::Run> finished;
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (ran[i] != 0) {
            finished.push_back(std::move(children[i]));
        }
    }

    parent.status.iterations = iterations_table(finished);
    parent.status.artifacts = Json::array();
    const auto selector = options.value("selector", std::string{});
    if (const auto best = select_best(finished, selector)) {
        const auto& winner = finished[*best];
        parent.status.results = winner.status.results;
        parent.status.results["best_iteration"] = winner.metadata.iteration;
        parent.status.artifacts = winner.status.artifacts;
    } else if (!selector.empty() && !finished.empty()) {
        // MLRun picks nothing silently; a misspelt result name is worth a line.
        output.err("mlrun: warning: no iteration has the result the selector '" + selector +
                   "' names; no best iteration was chosen\n");
    }
    if (!task.artifact_path.empty() && !finished.empty()) {
        parent.status.artifacts.insert(parent.status.artifacts.begin(),
                                       log_iteration_results(parent, task.artifact_path, db));
    }
    const auto aborted =
        std::find_if(finished.begin(), finished.end(), [](const model::Run& child) {
            return child.status.state == model::RunState::aborted;
        });
    const auto failed =
        std::count_if(finished.begin(), finished.end(), [](const model::Run& child) {
            return child.status.state != model::RunState::completed;
        });
    if (aborted != finished.end() || stopped(cancel)) {
        parent.status.state = model::RunState::aborted;
        parent.status.error =
            aborted != finished.end() ? aborted->status.error : "aborted by the user (interrupt)";
    } else if (failed > 0) {
        parent.status.state = model::RunState::error;
        parent.status.error = std::to_string(failed) + " of " + std::to_string(finished.size()) +
                              " tasks failed, check logs in db for details";
    } else {
        parent.status.state = model::RunState::completed;
    }
    parent.status.last_update = util::format_iso(util::now_micros());
    db.store_run(parent);
    return parent;
}

}  // namespace mlrun::launcher

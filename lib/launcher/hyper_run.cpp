// A hyper-parameter run: children, then the parent's table, best iteration and state.

#include "lib/launcher/hyper_run.hpp"

#include <exception>
#include <random>
#include <thread>

#include "lib/launcher/hyper.hpp"

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
    const auto sets =
        hyper_iterations(task.run.spec.hyperparams, options.value("strategy", std::string{"grid"}),
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
            db.append_log(parent.metadata.project, parent.metadata.uid, header(i));
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
    if (const auto best = select_best(finished, options.value("selector", std::string{}))) {
        const auto& winner = finished[*best];
        parent.status.results = winner.status.results;
        parent.status.results["best_iteration"] = winner.metadata.iteration;
        parent.status.artifacts = winner.status.artifacts;
        parent.status.artifact_uris = winner.status.artifact_uris;
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

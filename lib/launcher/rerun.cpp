// Rerunning a recorded run.

#include "lib/launcher/rerun.hpp"

#include "lib/error.hpp"

namespace mlrun::launcher {

model::Run rerun_task(const model::Run& original, const Json& parameters)
{
    if (original.spec.function.empty()) {
        throw Error("run " + original.metadata.uid +
                        " records no function (spec.function), so it cannot be run again",
                    ErrorKind::usage, "run it with 'mlrun run' and the same arguments instead");
    }
    model::Run task;
    task.kind = "run";
    task.metadata.name = original.metadata.name;
    task.metadata.project = original.metadata.project;
    task.metadata.labels =
        original.metadata.labels.is_object() ? original.metadata.labels : Json::object();
    // Labels the runner sets for each run, and markers of the original's own history.
    for (const char* key : {"host", "owner", "v3io_user", "workflow", "rerun-of"}) {
        task.metadata.labels.erase(key);
    }
    task.metadata.labels["rerun-of"] = original.metadata.uid;
    task.spec.function = original.spec.function;
    task.spec.handler = original.spec.handler;
    task.spec.parameters =
        original.spec.parameters.is_object() ? original.spec.parameters : Json::object();
    if (parameters.is_object()) {
        for (const auto& [key, value] : parameters.items()) {
            task.spec.parameters[key] = value;
        }
    }
    task.spec.inputs = original.spec.inputs;
    task.spec.outputs = original.spec.outputs;
    task.spec.returns = original.spec.returns;
    task.spec.hyperparams = original.spec.hyperparams;
    task.spec.hyper_param_options = original.spec.hyper_param_options;
    task.spec.input_path = original.spec.input_path;
    task.spec.output_path = original.spec.output_path;
    task.spec.verbose = original.spec.verbose;
    return task;
}

bool ran_remotely(const model::Run& original)
{
    const auto kind = original.metadata.labels.is_object()
                          ? original.metadata.labels.value("kind", std::string{"local"})
                          : std::string{"local"};
    return !kind.empty() && kind != "local" && kind != "handler";
}

std::string rerun_function_url(const model::Run& original)
{
    return "db://" + original.spec.function;
}

}  // namespace mlrun::launcher

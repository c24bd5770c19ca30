// The Python side shipped with the tool (the runner and the `mlrun` compatibility module),
// embedded in the binary and written once to a folder that the runner is started from.
#pragma once

#include <filesystem>

namespace mlrun::launcher {

struct PythonRuntime
{
    std::filesystem::path runner;      // mlrun_runner.py
    std::filesystem::path compat_dir;  // holds _mlrun_native_ctx.py and mlrun/__init__.py
    std::filesystem::path funcdoc;     // mlrun_funcdoc.py: a code file's handlers as entry_points
    std::filesystem::path workflow;    // mlrun_workflow.py: runs a workflow file (local engine)
};

// Writes the files under `cache_root/python-<content hash>/` unless they are already there
// (atomically, so concurrent runs are safe) and returns where they are.
PythonRuntime install_python_runtime(const std::filesystem::path& cache_root);

}  // namespace mlrun::launcher

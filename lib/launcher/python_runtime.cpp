// The Python side shipped with the tool, written out once per version of its content.

#include "lib/launcher/python_runtime.hpp"

#include "lib/launcher/python_sources.hpp"
#include "lib/util/files.hpp"
#include "lib/util/hash.hpp"

namespace mlrun::launcher {

PythonRuntime install_python_runtime(const std::filesystem::path& cache_root)
{
    const std::pair<const char*, const char*> files[] = {
        {"mlrun_runner.py", python_sources::runner},
        {"_mlrun_native_ctx.py", python_sources::context},
        {"mlrun/__init__.py", python_sources::compat},
        {"mlrun/execution.py", python_sources::compat_execution},
        {"mlrun/datastore.py", python_sources::compat_datastore},
        {"mlrun/projects.py", python_sources::compat_projects},
        {"mlrun/platforms.py", python_sources::compat_platforms},
        {"_mlrun_native_project.py", python_sources::project},
        {"mlrun_workflow.py", python_sources::workflow},
        {"mlrun_funcdoc.py", python_sources::funcdoc},
    };
    util::Sha1 hash;
    for (const auto& [name, text] : files) {
        hash.update(name);
        hash.update(text);
    }
    const auto directory = cache_root / ("python-" + hash.hex_digest().substr(0, 12));
    for (const auto& [name, text] : files) {
        const auto path = directory / name;
        if (!std::filesystem::exists(path)) {
            util::write_file_atomically(path, text);
        }
    }
    return {directory / "mlrun_runner.py", directory, directory / "mlrun_funcdoc.py",
            directory / "mlrun_workflow.py"};
}

}  // namespace mlrun::launcher

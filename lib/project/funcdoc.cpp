// A code file's handlers, described by Python's ast.

#include "lib/project/funcdoc.hpp"

#include "lib/error.hpp"
#include "lib/launcher/process.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::project {

Json describe_handlers(const std::filesystem::path& code_file,
                       const std::filesystem::path& funcdoc_script,
                       const config::Environment& environment)
{
    launcher::ProcessSpec spec;
    spec.argv = {"python3", "-I", funcdoc_script.string(), code_file.string()};
    spec.environment = environment;
    std::string out;
    std::string err;
    launcher::ProcessLimits limits;
    limits.timeout = std::chrono::milliseconds{60'000};
    const auto outcome = launcher::run_process(
        spec,
        {[&](std::string_view text) { out += text; }, [&](std::string_view text) { err += text; }},
        limits);
    if (outcome.exit_code != 0) {
        while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) {
            err.pop_back();
        }
        throw Error(err.empty() ? "cannot read the handlers of " + code_file.string() : err,
                    ErrorKind::usage);
    }
    const auto parsed = try_parse_json(out);
    if (!parsed || !parsed->is_object()) {
        throw Error("cannot read the handlers of " + code_file.string() +
                    ": unexpected output from python3");
    }
    return *parsed;
}

}  // namespace mlrun::project

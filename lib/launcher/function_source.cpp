// Finding the code a run executes.

#include "lib/launcher/function_source.hpp"

#include <optional>
#include <unistd.h>

#include "lib/error.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/model/document.hpp"
#include "lib/util/base64.hpp"
#include "lib/util/files.hpp"

namespace mlrun::launcher {
namespace {

std::filesystem::path write_embedded_code(const std::string& base64, const std::string& name)
{
    const auto path = util::create_temp_file("mlrun-" + name + "-", ".py");
    util::write_file_atomically(path, util::base64_decode(base64));
    return path;
}

// The file embedded code was read from (build.origin_filename, relative to `base`), when it is
// still there with the same content.
std::optional<std::filesystem::path> unchanged_origin(const model::Function& function,
                                                      const std::string& base64,
                                                      const std::filesystem::path& base)
{
    const auto origin = function.spec.build.find("origin_filename");
    if (origin == function.spec.build.end() || !origin->is_string()) {
        return std::nullopt;
    }
    std::filesystem::path path{origin->get<std::string>()};
    if (path.is_relative()) {
        path = base / path;
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return std::nullopt;
    }
    try {
        if (util::read_file(path) == util::base64_decode(base64)) {
            return path;
        }
    } catch (const Error&) {
        // Unreadable, or not base64: the embedded code is what runs.
    }
    return std::nullopt;
}

}  // namespace

FunctionSource function_source(model::Function function, const std::filesystem::path& base)
{
    FunctionSource source;
    source.function = std::move(function);
    const auto& build = source.function.spec.build;
    if (const auto code = build.find("functionSourceCode");
        code != build.end() && code->is_string()) {
        if (auto origin = unchanged_origin(source.function, code->get<std::string>(), base)) {
            source.code_file = std::move(*origin);  // run in place: its sibling imports work
        } else {
            source.temp_file =
                write_embedded_code(code->get<std::string>(), source.function.metadata.name);
            source.code_file = source.temp_file;
        }
    } else if (!source.function.spec.command.empty()) {
        const auto [file, args] = split_url(source.function.spec.command);
        std::filesystem::path path{file};
        if (path.is_relative()) {
            path = base / path;
        }
        if (file.ends_with(".py") && !std::filesystem::exists(path)) {
            source.missing_code = path;
        } else {
            source.code_file = path;
        }
    }
    return source;
}

void require_local_code(const FunctionSource& source)
{
    if (!source.missing_code.empty()) {
        throw Error("no file in exec path (spec.command=" + source.function.spec.command + ")",
                    ErrorKind::not_found,
                    "a local run needs " + source.missing_code.string() +
                        "; a job whose code is in its image runs through an MLRun API");
    }
}

}  // namespace mlrun::launcher

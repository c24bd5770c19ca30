// Finding a local image builder and its command lines.

#include "lib/build/builder.hpp"

#include "lib/error.hpp"
#include "lib/launcher/process.hpp"

namespace mlrun::build {

std::optional<Builder> find_builder(const std::string& preferred, const std::string& path_variable)
{
    if (!preferred.empty()) {
        bool known = false;
        for (const char* name : builder_names) {
            known = known || preferred == name;
        }
        if (!known) {
            throw Error("unknown builder '" + preferred + "'", ErrorKind::usage,
                        "use podman, buildah or docker");
        }
        if (const auto program = launcher::find_program(preferred, path_variable)) {
            return Builder{preferred, *program};
        }
        return std::nullopt;
    }
    for (const char* name : builder_names) {
        if (const auto program = launcher::find_program(name, path_variable)) {
            return Builder{name, *program};
        }
    }
    return std::nullopt;
}

std::vector<std::string> build_command(const Builder& builder, const BuildPlan& plan,
                                       const std::filesystem::path& context)
{
    std::vector<std::string> argv{builder.program.string()};
    if (builder.name == "buildah") {
        argv.insert(argv.end(), {"bud", "--layers"});
    } else {
        argv.push_back("build");
    }
    argv.insert(argv.end(), {"-t", plan.image, "-f", (context / "Dockerfile").string()});
    for (const auto& [key, value] : plan.build_args) {
        argv.insert(argv.end(), {"--build-arg", key + "=" + value});
    }
    argv.push_back(context.string());
    return argv;
}

std::vector<std::string> image_exists_command(const Builder& builder, const std::string& image)
{
    if (builder.name == "buildah") {
        return {builder.program.string(), "inspect", "--type", "image", image};
    }
    return {builder.program.string(), "image", "inspect", image};
}

}  // namespace mlrun::build

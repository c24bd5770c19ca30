// Artifact paths: the one to use and its templates.

#include "lib/launcher/artifact_path.hpp"

#include "lib/util/strings.hpp"

namespace mlrun::launcher {

std::string choose_artifact_path(std::initializer_list<std::string_view> given,
                                 const config::Config& config)
{
    for (const auto path : given) {
        if (!path.empty()) {
            return std::string{path};
        }
    }
    return config.artifact_path();
}

std::string fill_artifact_path(std::string path, const std::map<std::string, std::string>& values)
{
    for (const auto& [name, value] : values) {
        path = util::replace_all(path, "{{" + name + "}}", value);
    }
    return path;
}

bool has_artifact_path_template(std::string_view path)
{
    return path.find("{{") != std::string_view::npos;
}

}  // namespace mlrun::launcher

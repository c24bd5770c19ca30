// The project templates built into the binary.

#include "lib/project/templates.hpp"

#include "lib/error.hpp"
#include "lib/project/template_files.hpp"

namespace mlrun::project {
namespace {

// "python-job/src/x.py" -> ("python-job", "src/x.py").
std::pair<std::string, std::string> split(const std::string& path)
{
    const auto slash = path.find('/');
    return {path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

std::vector<TemplateInfo> list_templates()
{
    std::vector<TemplateInfo> templates;
    for (const auto& file : embedded_templates::files) {
        const auto [name, relative] = split(file.path);
        if (relative == "TEMPLATE") {
            std::string description = file.content;
            description = description.substr(0, description.find('\n'));
            templates.push_back({name, description});
        }
    }
    return templates;
}

std::vector<TemplateFile> template_files(const std::string& name)
{
    std::vector<TemplateFile> result;
    bool known = false;
    for (const auto& file : embedded_templates::files) {
        const auto [template_name, relative] = split(file.path);
        if (template_name != name) {
            continue;
        }
        known = true;
        if (relative != "TEMPLATE") {
            result.push_back({relative, file.content});
        }
    }
    if (!known) {
        std::string names;
        for (const auto& info : list_templates()) {
            names += (names.empty() ? "" : ", ") + info.name;
        }
        throw Error("unknown project template '" + name + "' (there are: " + names + ")",
                    ErrorKind::usage, "see mlrun project create --list-templates");
    }
    return result;
}

}  // namespace mlrun::project

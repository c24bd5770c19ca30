// The project templates built into the binary (templates/projects/).
#pragma once

#include <string>
#include <vector>

namespace mlrun::project {

struct TemplateInfo
{
    std::string name;
    std::string description;
};

struct TemplateFile
{
    std::string path;  // relative to the project folder
    std::string content;
};

std::vector<TemplateInfo> list_templates();

// The files of template `name` (without its TEMPLATE description file). Throws
// Error(not_found) naming the templates there are.
std::vector<TemplateFile> template_files(const std::string& name);

}  // namespace mlrun::project

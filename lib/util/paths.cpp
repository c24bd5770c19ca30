// Path checks for content that comes from elsewhere.

#include "lib/util/paths.hpp"

namespace mlrun::util {

RelativePath safe_relative(std::string_view name)
{
    std::string text{name};
    while (text.starts_with("./")) {
        text.erase(0, 2);
    }
    while (!text.empty() && text.back() == '/') {
        text.pop_back();
    }
    if (text.empty() || text == ".") {
        return {{}, "an empty name"};
    }
    if (text.front() == '/') {
        return {{}, "an absolute path"};
    }
    std::filesystem::path path{text};
    for (const auto& part : path) {
        if (part == "..") {
            return {{}, "a '..' component"};
        }
    }
    return {path.lexically_normal(), {}};
}

bool resolves_inside(const std::filesystem::path& path, const std::filesystem::path& root)
{
    std::error_code error;
    const auto base = std::filesystem::weakly_canonical(std::filesystem::absolute(root), error);
    if (error) {
        return false;
    }
    const auto resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(path), error);
    if (error) {
        return false;
    }
    auto b = base.begin();
    auto r = resolved.begin();
    for (; b != base.end(); ++b, ++r) {
        if (r == resolved.end() || *r != *b) {
            return false;
        }
    }
    return true;
}

std::optional<std::filesystem::path> escaping_link(const std::filesystem::path& root)
{
    std::error_code error;
    std::filesystem::recursive_directory_iterator it{root, std::filesystem::directory_options::none,
                                                     error};
    for (; !error && it != std::filesystem::recursive_directory_iterator{}; it.increment(error)) {
        if (it.depth() == 0 && it->path().filename() == ".git") {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink(error) && !resolves_inside(it->path(), root)) {
            return it->path();
        }
    }
    return std::nullopt;
}

}  // namespace mlrun::util

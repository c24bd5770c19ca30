// Path checks for content that comes from elsewhere (archives, clones, keys): nothing may land
// or point outside the folder it is meant for.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mlrun::util {

// The entry name as a relative path inside a folder, or the reason it is refused: absolute,
// empty, or with a `..` component. A leading `./` is dropped.
struct RelativePath
{
    std::filesystem::path path;
    std::string refusal;  // empty when accepted
};
RelativePath safe_relative(std::string_view name);

// Whether `path` (made absolute and resolved through every existing link) is `root` or inside
// it.
bool resolves_inside(const std::filesystem::path& path, const std::filesystem::path& root);

// The first symbolic link under `root` (not looking inside `.git`) whose target resolves outside
// `root`, or std::nullopt.
std::optional<std::filesystem::path> escaping_link(const std::filesystem::path& root);

}  // namespace mlrun::util

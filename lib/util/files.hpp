// Whole-file reads and crash-safe writes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace mlrun::util {

// Returns the file's bytes; throws Error (not_found / failed) naming the path.
std::string read_file(const std::filesystem::path& path);

// Like read_file, but std::nullopt when the file does not exist.
std::optional<std::string> find_file(const std::filesystem::path& path);

enum class FileMode
{
    normal,    // 0644 before umask
    private_,  // 0600: the file may hold secrets
};

// Writes through a temporary file in the same directory and renames it over `path`, so that a
// crash leaves either the old or the new content. Creates missing parent directories. An
// existing file keeps its permission bits.
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           FileMode mode = FileMode::normal);

// Creates an empty private file `<temp dir>/<prefix>XXXXXX<suffix>` and returns its path; the
// caller removes it. Throws Error when the temporary directory is not writable.
std::filesystem::path create_temp_file(const std::string& prefix, const std::string& suffix);

}  // namespace mlrun::util

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

// Creates an empty private file `<temp dir>/mlrun-<uid>/<pid>.<prefix>XXXXXX<suffix>` and
// returns its path; the caller removes it. What a killed process left there is removed by the
// next process that uses the folder. Throws Error when no such file can be made.
std::filesystem::path create_temp_file(const std::string& prefix, const std::string& suffix);

// The same for a folder, `<temp dir>/mlrun-<uid>/<pid>.<prefix>XXXXXX`.
std::filesystem::path create_temp_dir(const std::string& prefix);

// Removes the `<pid>.*` entries of `folder` whose process is gone.
void remove_stale_temp_files(const std::filesystem::path& folder);

}  // namespace mlrun::util

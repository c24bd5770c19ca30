// Moving artifact data: copying a file or a folder into the artifact path while hashing it
// (SHA-1, as MLRun's calculate_hash), verifying a file against a known size and hash, and
// downloading http(s) targets with resume. Memory stays flat whatever the size; every write
// goes to a temporary file renamed into place, so a failure leaves nothing half-written.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mlrun::artifacts {

struct FileDigest
{
    std::uint64_t size = 0;
    std::string sha1;
};

// Called with (bytes done, total bytes or 0 when unknown) as a transfer goes.
using Progress = std::function<void(std::uint64_t, std::uint64_t)>;

// SHA-1 and size of a file, streaming.
FileDigest digest_file(const std::filesystem::path& path);

// Copies `source` to `destination` (parents created) and hashes it; the copy is done by the
// kernel (copy_file_range) while this thread hashes, so the whole takes about as long as the
// slower of `cp` and `sha1sum`. Throws Error(failed) if `destination` exists and not
// `overwrite`, Error(not_found) for a missing source.
// With `hash` false (MLRun's artifacts.calculate_hash off) only the size is measured.
FileDigest copy_file(const std::filesystem::path& source, const std::filesystem::path& destination,
                     bool overwrite, const Progress& progress = {}, bool hash = true);

struct TreeEntry
{
    std::string path;  // relative, with '/'
    FileDigest digest;
};

// Copies a folder's regular files (links that stay inside are followed; links leaving it are
// refused) into `destination`. Returns the files, sorted by path.
std::vector<TreeEntry> copy_tree(const std::filesystem::path& source,
                                 const std::filesystem::path& destination, bool overwrite);

// The SHA-1 over a folder's listing (path, size and hash of each file), as one artifact hash.
std::string tree_hash(const std::vector<TreeEntry>& entries);

// Throws Error(failed) naming what differs when `path` does not have the expected size or hash
// (either may be absent).
void verify(const std::filesystem::path& path, std::optional<std::uint64_t> size,
            const std::string& sha1);

// Downloads an http(s) URL to `destination` through `destination`.part: an interrupted
// download is resumed from the bytes already there when the server honours ranges (else it
// starts over). Verifies size/hash when given, then renames into place.
void download(const std::string& url, const std::filesystem::path& destination,
              std::optional<std::uint64_t> size, const std::string& sha1,
              const Progress& progress = {});

}  // namespace mlrun::artifacts

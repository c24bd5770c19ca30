// Unpacking zip, tar, tar.gz (and the other formats libarchive reads) into a folder, refusing
// anything that would write or point outside it; and packing a folder as a .tar.gz.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace mlrun::archive {

struct Extracted
{
    std::size_t files = 0;
    std::size_t directories = 0;
    std::size_t links = 0;       // symbolic links
    std::size_t hard_links = 0;  // hard links, extracted as copies of the file they name
    std::uintmax_t bytes = 0;    // file bytes written
};

// What one extraction may write: a small archive that unpacks to gigabytes is refused.
struct Limits
{
    std::uintmax_t max_bytes = std::uintmax_t{16} << 30;    // 16 GiB in all
    std::uintmax_t ratio_floor = std::uintmax_t{64} << 20;  // the ratio counts above 64 MiB
    std::uintmax_t max_ratio = 200;                         // bytes written / archive size
    std::size_t max_entries = 1'000'000;
};

// Unpacks `archive` into `destination` (created when missing). Entries with absolute paths or
// `..` components, entries that go through or replace a symbolic link, links whose target
// leaves `destination`, and device or fifo entries make it throw Error(failed) naming the entry;
// what was written before is then removed again. It never replaces a file it did not write
// itself (an entry named like an existing file is refused), so the clean-up removes only what
// this extraction created. Past `limits` it throws Error(failed). A missing or unreadable
// archive throws Error(not_found / failed).
Extracted extract(const std::filesystem::path& archive, const std::filesystem::path& destination,
                  const Limits& limits = {});

// Writes `directory`'s files, folders and links (as links) into the gzip'ed tar `output`, names
// relative to `directory`, in sorted order; through a temporary file renamed into place.
// Returns the number of entries. Throws Error naming the file that could not be read or written.
std::size_t pack_tar_gz(const std::filesystem::path& directory,
                        const std::filesystem::path& output);

// Whether the name looks like an archive extract() reads (.zip, .tar, .tar.gz, .tgz, ...).
bool is_archive_name(const std::string& name);

}  // namespace mlrun::archive

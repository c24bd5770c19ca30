// Moving artifact data.

#include "lib/artifacts/transfer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "lib/error.hpp"
#include "lib/http/client.hpp"
#include "lib/util/hash.hpp"
#include "lib/util/paths.hpp"

namespace mlrun::artifacts {
namespace {

constexpr std::size_t buffer_size = 1 << 20;

class Fd
{
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd(Fd&& other) noexcept : m_fd(other.release()) {}
    Fd& operator=(Fd&&) = delete;
    int get() const { return m_fd; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

std::string reason()
{
    return std::strerror(errno);
}

Fd open_source(const std::filesystem::path& source)
{
    Fd fd{::open(source.c_str(), O_RDONLY | O_CLOEXEC)};
    if (fd.get() < 0) {
        throw Error("cannot read " + source.string() + ": " + reason(),
                    errno == ENOENT ? ErrorKind::not_found : ErrorKind::failed);
    }
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    return fd;
}

// Hashes everything `fd` yields; `progress` sees the bytes done.
FileDigest hash_fd(int fd, const std::filesystem::path& path, std::uint64_t total,
                   const Progress& progress)
{
    util::Sha1 sha1;
    std::vector<char> buffer(buffer_size);
    FileDigest digest;
    while (true) {
        const auto got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw Error("cannot read " + path.string() + ": " + reason());
        }
        if (got == 0) {
            break;
        }
        sha1.update({buffer.data(), static_cast<std::size_t>(got)});
        digest.size += static_cast<std::uint64_t>(got);
        if (progress) {
            progress(digest.size, total);
        }
    }
    digest.sha1 = sha1.hex_digest();
    return digest;
}

// Copies `in` to `out` in the kernel (copy_file_range), falling back to read/write; returns an
// error text, empty on success (it runs on a worker thread: no exceptions).
std::string copy_fd(int in, int out)
{
    bool kernel = true;
    std::vector<char> buffer;
    while (true) {
        if (kernel) {
            const auto copied = ::copy_file_range(in, nullptr, out, nullptr, 64 << 20, 0);
            if (copied > 0) {
                continue;
            }
            if (copied == 0) {
                return {};
            }
            if (errno == EINTR) {
                continue;
            }
            if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP) {
                return reason();
            }
            kernel = false;
            buffer.resize(buffer_size);
        }
        const auto got = ::read(in, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return reason();
        }
        if (got == 0) {
            return {};
        }
        for (std::size_t done = 0; done < static_cast<std::size_t>(got);) {
            const auto put =
                ::write(out, buffer.data() + done, static_cast<std::size_t>(got) - done);
            if (put < 0 && errno == EINTR) {
                continue;
            }
            if (put < 0) {
                return reason();
            }
            done += static_cast<std::size_t>(put);
        }
    }
}

// A temporary file next to `destination`, removed unless committed (renamed into place).
class TemporaryFile
{
public:
    explicit TemporaryFile(const std::filesystem::path& destination) : m_destination(destination)
    {
        std::error_code error;
        std::filesystem::create_directories(destination.parent_path().empty()
                                                ? std::filesystem::path{"."}
                                                : destination.parent_path(),
                                            error);
        if (error) {
            throw Error("cannot create " + destination.parent_path().string() + ": " +
                        error.message());
        }
        std::string name = ".";
        name += destination.filename().string();
        name += ".mlrun-XXXXXX";
        auto pattern = (destination.parent_path() / name).string();
        m_fd = ::mkstemp(pattern.data());
        if (m_fd < 0) {
            throw Error("cannot write in " + destination.parent_path().string() + ": " + reason());
        }
        m_path = pattern;
    }
    ~TemporaryFile()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        if (!m_path.empty()) {
            std::error_code ignored;
            std::filesystem::remove(m_path, ignored);
        }
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    int fd() const { return m_fd; }

    void commit(bool overwrite)
    {
        ::fchmod(m_fd, 0644);
        if (::close(m_fd) != 0) {
            m_fd = -1;
            throw Error("cannot write " + m_destination.string() + ": " + reason());
        }
        m_fd = -1;
        if (!overwrite) {
            // link() fails when the name exists: no race can replace a file behind our back.
            if (::link(m_path.c_str(), m_destination.c_str()) != 0) {
                throw Error(errno == EEXIST
                                ? m_destination.string() + " already exists"
                                : "cannot write " + m_destination.string() + ": " + reason(),
                            ErrorKind::failed, "pass --force to replace it");
            }
            std::error_code ignored;
            std::filesystem::remove(m_path, ignored);
        } else if (::rename(m_path.c_str(), m_destination.c_str()) != 0) {
            throw Error("cannot write " + m_destination.string() + ": " + reason());
        }
        m_path.clear();
    }

private:
    std::filesystem::path m_destination;
    std::filesystem::path m_path;
    int m_fd = -1;
};

void refuse_existing(const std::filesystem::path& destination, bool overwrite)
{
    std::error_code error;
    if (!overwrite &&
        std::filesystem::exists(std::filesystem::symlink_status(destination, error))) {
        throw Error(destination.string() + " already exists", ErrorKind::failed,
                    "pass --force to replace it");
    }
}

}  // namespace

FileDigest digest_file(const std::filesystem::path& path)
{
    const auto fd = open_source(path);
    return hash_fd(fd.get(), path, 0, {});
}

FileDigest copy_file(const std::filesystem::path& source, const std::filesystem::path& destination,
                     bool overwrite, const Progress& progress, bool hash)
{
    struct stat info
    {
    };
    if (::stat(source.c_str(), &info) != 0) {
        throw Error("cannot read " + source.string() + ": " + reason(),
                    errno == ENOENT ? ErrorKind::not_found : ErrorKind::failed);
    }
    if (!S_ISREG(info.st_mode)) {
        throw Error(source.string() + " is not a regular file", ErrorKind::usage);
    }
    refuse_existing(destination, overwrite);
    const auto copier = open_source(source);
    TemporaryFile temporary{destination};
    if (!hash) {
        if (const auto copy_error = copy_fd(copier.get(), temporary.fd()); !copy_error.empty()) {
            throw Error("cannot copy " + source.string() + " to " + destination.string() + ": " +
                        copy_error);
        }
        FileDigest digest;
        struct stat written
        {
        };
        ::fstat(temporary.fd(), &written);
        digest.size = static_cast<std::uint64_t>(written.st_size);
        temporary.commit(overwrite);
        return digest;
    }
    const auto reader = open_source(source);
    std::string copy_error;
    std::thread worker{[&] { copy_error = copy_fd(copier.get(), temporary.fd()); }};
    FileDigest digest;
    try {
        digest = hash_fd(reader.get(), source, static_cast<std::uint64_t>(info.st_size), progress);
    } catch (...) {
        worker.join();
        throw;
    }
    worker.join();
    if (!copy_error.empty()) {
        throw Error("cannot copy " + source.string() + " to " + destination.string() + ": " +
                    copy_error);
    }
    struct stat written
    {
    };
    if (::fstat(temporary.fd(), &written) != 0 ||
        static_cast<std::uint64_t>(written.st_size) != digest.size) {
        throw Error("cannot copy " + source.string() + ": it changed while being copied");
    }
    temporary.commit(overwrite);
    return digest;
}

std::vector<TreeEntry> copy_tree(const std::filesystem::path& source,
                                 const std::filesystem::path& destination, bool overwrite)
{
    if (!std::filesystem::is_directory(source)) {
        throw Error(source.string() + " is not a folder", ErrorKind::not_found);
    }
    std::vector<TreeEntry> entries;
    std::error_code error;
    for (std::filesystem::recursive_directory_iterator it{source, error}, end; !error && it != end;
         it.increment(error)) {
        const auto relative = it->path().lexically_relative(source);
        if (it->is_symlink() && !util::resolves_inside(it->path(), source)) {
            throw Error("refusing to copy " + source.string() + ": the link '" + relative.string() +
                            "' points outside it",
                        ErrorKind::failed);
        }
        if (it->is_regular_file()) {
            entries.push_back({relative.generic_string(), {}});
        }
    }
    if (error) {
        throw Error("cannot read " + source.string() + ": " + error.message());
    }
    std::sort(entries.begin(), entries.end(),
              [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
    if (!overwrite) {
        for (const auto& entry : entries) {
            refuse_existing(destination / entry.path, false);
        }
    }
    for (auto& entry : entries) {
        entry.digest = copy_file(source / entry.path, destination / entry.path, overwrite);
    }
    return entries;
}

std::string tree_hash(const std::vector<TreeEntry>& entries)
{
    util::Sha1 sha1;
    for (const auto& entry : entries) {
        sha1.update(entry.path + "\t" + std::to_string(entry.digest.size) + "\t" +
                    entry.digest.sha1 + "\n");
    }
    return sha1.hex_digest();
}

void verify(const std::filesystem::path& path, std::optional<std::uint64_t> size,
            const std::string& sha1)
{
    const auto digest = digest_file(path);
    if (size && digest.size != *size) {
        throw Error(path.string() + " has " + std::to_string(digest.size) +
                        " bytes where the artifact records " + std::to_string(*size),
                    ErrorKind::failed, "the data was changed or truncated after it was logged");
    }
    if (!sha1.empty() && digest.sha1 != sha1) {
        throw Error(path.string() + " has SHA-1 " + digest.sha1 + " where the artifact records " +
                        sha1,
                    ErrorKind::failed, "the data was changed after it was logged");
    }
}

void download(const std::string& url, const std::filesystem::path& destination,
              std::optional<std::uint64_t> size, const std::string& sha1, const Progress& progress)
{
    auto partial = destination;
    partial += ".part";
    std::error_code error;
    std::filesystem::create_directories(
        destination.parent_path().empty() ? "." : destination.parent_path(), error);
    for (int attempt = 0;; ++attempt) {
        std::uint64_t offset = 0;
        if (std::filesystem::exists(partial, error)) {
            offset = std::filesystem::file_size(partial, error);
            if (size && offset > *size) {
                std::filesystem::remove(partial, error);
                offset = 0;
            }
        }
        Fd out{::open(partial.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_APPEND, 0644)};
        if (out.get() < 0) {
            throw Error("cannot write " + partial.string() + ": " + reason());
        }
        bool write_failed = false;
        http::GetOptions options;
        options.offset = offset;
        options.on_status = [&](long status) {
            if (status == 200 && offset > 0) {
                // The server ignored the range: start over.
                write_failed = write_failed || ::ftruncate(out.get(), 0) != 0;
                offset = 0;
            }
        };
        options.progress = [&](std::uint64_t done, std::uint64_t total) {
            if (progress) {
                progress(offset + done, total > 0 ? offset + total : size.value_or(0));
            }
        };
        try {
            http::get_url(
                url,
                [&](std::string_view bytes) {
                    // No exception may cross libcurl's C frames: note failures, report after.
                    if (!write_failed && ::write(out.get(), bytes.data(), bytes.size()) !=
                                             static_cast<ssize_t>(bytes.size())) {
                        write_failed = true;
                    }
                },
                options);
        } catch (const Error& failure) {
            if (failure.kind() == ErrorKind::unreachable && attempt < 3) {
                continue;  // resumed from what arrived
            }
            throw;
        }
        if (write_failed) {
            throw Error("cannot write " + partial.string() + ": " + reason());
        }
        break;
    }
    verify(partial, size, sha1);
    std::filesystem::rename(partial, destination, error);
    if (error) {
        throw Error("cannot write " + destination.string() + ": " + error.message());
    }
}

}  // namespace mlrun::artifacts

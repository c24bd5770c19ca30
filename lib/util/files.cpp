// Whole-file reads and crash-safe writes.

#include "lib/util/files.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/error.hpp"

namespace mlrun::util {
namespace {

std::string errno_text(int error)
{
    return std::strerror(error);
}

void write_all(int fd, std::string_view content, const std::filesystem::path& path)
{
    while (!content.empty()) {
        const auto written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw Error("cannot write '" + path.string() + "': " + errno_text(errno));
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

std::optional<std::string> find_file(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        throw Error("cannot read '" + path.string() + "': " + errno_text(errno));
    }
    std::string content;
    char buffer[64 * 1024];
    while (true) {
        const auto got = ::read(fd, buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            ::close(fd);
            throw Error("cannot read '" + path.string() + "': " + errno_text(error));
        }
        if (got == 0) {
            break;
        }
        content.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return content;
}

std::string read_file(const std::filesystem::path& path)
{
    auto content = find_file(path);
    if (!content) {
        throw Error("file '" + path.string() + "' does not exist", ErrorKind::not_found);
    }
    return std::move(*content);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           FileMode mode)
{
    const auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path{"."};
    std::error_code ignored;
    std::filesystem::create_directories(parent, ignored);

    mode_t permissions = mode == FileMode::private_ ? 0600 : 0644;
    struct stat existing
    {
    };
    if (::stat(path.c_str(), &existing) == 0) {
        permissions = existing.st_mode & 07777;
    }
    auto temp = (parent / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        throw Error("cannot write '" + path.string() + "': " + errno_text(errno));
    }
    try {
        write_all(fd, content, path);
        if (::fchmod(fd, permissions) != 0 || ::fsync(fd) != 0) {
            throw Error("cannot write '" + path.string() + "': " + errno_text(errno));
        }
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        throw Error("cannot write '" + path.string() + "': " + errno_text(error));
    }
}

std::filesystem::path create_temp_file(const std::string& prefix, const std::string& suffix)
{
    auto path = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX" + suffix)).string();
    const int fd = ::mkstemps(path.data(), static_cast<int>(suffix.size()));
    if (fd < 0) {
        throw Error("cannot create a temporary file in " +
                    std::filesystem::temp_directory_path().string() + ": " + errno_text(errno));
    }
    ::close(fd);
    return path;
}

}  // namespace mlrun::util

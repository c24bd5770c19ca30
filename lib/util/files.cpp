// Whole-file reads and crash-safe writes.

#include "lib/util/files.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
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

namespace {

// `<temp dir>/mlrun-<user id>/`, private to this user. Files in it are named
// `<pid>.<prefix>XXXXXX<suffix>`; the first use in a process removes those of processes that
// are gone (killed before they could clean up).
const std::filesystem::path& private_temp_dir()
{
    static const std::filesystem::path folder = [] {
        const auto base = std::filesystem::temp_directory_path();
        auto path = base / ("mlrun-" + std::to_string(::getuid()));
        if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
            throw Error("cannot create a temporary folder in " + base.string() + ": " +
                        errno_text(errno));
        }
        struct stat info
        {
        };
        if (::lstat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) ||
            info.st_uid != ::getuid() || (info.st_mode & 077) != 0) {
            throw Error("refusing the temporary folder " + path.string() +
                            ": it is not a private folder of this user",
                        ErrorKind::failed, "remove it, or set TMPDIR to another folder");
        }
        remove_stale_temp_files(path);
        return path;
    }();
    return folder;
}

}  // namespace

void remove_stale_temp_files(const std::filesystem::path& folder)
{
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator{folder, error}) {
        const auto name = entry.path().filename().string();
        // <pid>.<prefix>XXXXXX<suffix>
        const auto dot = name.find('.');
        if (dot == 0 || dot == std::string::npos ||
            !std::all_of(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(dot),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            continue;
        }
        const auto pid = std::strtol(name.substr(0, dot).c_str(), nullptr, 10);
        if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 ||
            errno != ESRCH) {
            continue;
        }
        std::error_code ignored;
        std::filesystem::remove_all(entry.path(), ignored);
    }
}

std::filesystem::path create_temp_file(const std::string& prefix, const std::string& suffix)
{
    const auto& folder = private_temp_dir();
    auto path = (folder / (std::to_string(::getpid()) + "." + prefix + "XXXXXX" + suffix)).string();
    const int fd = ::mkstemps(path.data(), static_cast<int>(suffix.size()));
    if (fd < 0) {
        throw Error("cannot create a temporary file in " + folder.string() + ": " +
                    errno_text(errno));
    }
    ::close(fd);
    return path;
}

std::filesystem::path create_temp_dir(const std::string& prefix)
{
    const auto& folder = private_temp_dir();
    auto path = (folder / (std::to_string(::getpid()) + "." + prefix + "XXXXXX")).string();
    if (::mkdtemp(path.data()) == nullptr) {
        throw Error("cannot create a temporary folder in " + folder.string() + ": " +
                    errno_text(errno));
    }
    return path;
}

}  // namespace mlrun::util

// What the CLI needs to know about the terminal.

#include "cli/terminal.hpp"

#include <charconv>
#include <sys/ioctl.h>
#include <unistd.h>

namespace mlrun::cli {

bool is_terminal(int fd)
{
    return ::isatty(fd) == 1;
}

std::size_t terminal_width(int fd, const config::Environment& environment)
{
    if (const auto columns = config::lookup(environment, "COLUMNS")) {
        std::size_t width = 0;
        const auto* end = columns->data() + columns->size();
        if (std::from_chars(columns->data(), end, width).ptr == end && width > 0) {
            return width;
        }
    }
    if (!is_terminal(fd)) {
        return 0;
    }
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return 0;
}

bool use_color(int fd, const config::Environment& environment)
{
    if (config::lookup(environment, "NO_COLOR")) {
        return false;
    }
    if (config::lookup(environment, "TERM").value_or("") == "dumb") {
        return false;
    }
    return is_terminal(fd);
}

}  // namespace mlrun::cli

// What the CLI needs to know about the terminal: is a stream one, how wide, may we colour.
#pragma once

#include <cstddef>

#include "lib/config/environment.hpp"

namespace mlrun::cli {

bool is_terminal(int fd);

// Columns available on `fd`: $COLUMNS when set, else the terminal's width, else 0 (unlimited).
std::size_t terminal_width(int fd, const config::Environment& environment);

// Colour only on a terminal, and never with NO_COLOR set (any value) or TERM=dumb.
bool use_color(int fd, const config::Environment& environment);

}  // namespace mlrun::cli

// Shell completion answered from the live command tree, so scripts cannot drift from it:
// the thin scripts in completions/ call the hidden `mlrun __complete WORD...`.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace mlrun::cli {

// Candidates for the last of `words` (the words after `mlrun`, the last one possibly empty):
// subcommands, or options when it starts with '-', filtered by it as a prefix.
std::vector<std::string> complete(const CLI::App& root, const std::vector<std::string>& words);

// Every long option name (`--x`) `command` accepts, including inherited global ones.
std::vector<std::string> long_options(const CLI::App& command);

// The hidden command `mlrun __complete WORD...`: prints complete(root, words), one per line.
// Handled before parsing, since the words are partial and may look like unknown options.
inline constexpr std::string_view complete_command = "__complete";
void print_completions(const CLI::App& root, std::vector<std::string> words, std::ostream& out);

}  // namespace mlrun::cli

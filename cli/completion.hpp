// Shell completion answered from the live command tree, so scripts cannot drift from it:
// the thin scripts in completions/ call the hidden `mlrun __complete WORD...`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace mlrun::cli {

// The values an option or positional takes that only the caller can know (run uids, project
// names from the store...), asked with the command's path (`runs show`) and the option.
using ValueSource =
    std::function<std::vector<std::string>(const std::string& path, const CLI::Option& option)>;

// Candidates for the last of `words` (the words after `mlrun`, the last one possibly empty):
// subcommands, options when it starts with '-', or the values of the option before it (or of
// the positional it fills): the choices of its check ({table,json,yaml}), else what `values`
// offers; filtered by the word as a prefix, in the order given (uids newest first).
std::vector<std::string> complete(const CLI::App& root, const std::vector<std::string>& words,
                                  const ValueSource& values = {});

// Every long option name (`--x`) `command` accepts, including inherited global ones.
std::vector<std::string> long_options(const CLI::App& command);

// The hidden command `mlrun __complete WORD...`: prints complete(root, words), one per line.
// Handled before parsing, since the words are partial and may look like unknown options.
inline constexpr std::string_view complete_command = "__complete";
void print_completions(const CLI::App& root, std::vector<std::string> words, std::ostream& out,
                       const ValueSource& values = {});

}  // namespace mlrun::cli

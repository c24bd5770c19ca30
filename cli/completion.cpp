// Shell completion answered from the live command tree.

#include "cli/completion.hpp"

#include <algorithm>

namespace mlrun::cli {
namespace {

bool visible(const CLI::App* command)
{
    return !command->get_group().empty();
}

void add_option_names(const CLI::App& command, std::vector<std::string>& names, bool long_only)
{
    for (const auto* option : command.get_options()) {
        if (option->get_group().empty()) {
            continue;  // hidden
        }
        for (const auto& name : option->get_lnames()) {
            names.push_back("--" + name);
        }
        if (!long_only) {
            for (const auto& name : option->get_snames()) {
                names.push_back("-" + name);
            }
        }
    }
}

std::vector<std::string> option_names(const CLI::App& command, bool long_only)
{
    std::vector<std::string> names;
    add_option_names(command, names, long_only);
    // Global options (the root's) are accepted after any command, through fallthrough.
    const CLI::App* root = &command;
    while (root->get_parent() != nullptr) {
        root = root->get_parent();
    }
    if (root != &command) {
        add_option_names(*root, names, long_only);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

}  // namespace

std::vector<std::string> long_options(const CLI::App& command)
{
    return option_names(command, true);
}

std::vector<std::string> complete(const CLI::App& root, const std::vector<std::string>& words)
{
    const CLI::App* command = &root;
    const std::string current = words.empty() ? std::string{} : words.back();
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i].starts_with('-')) {
            continue;
        }
        for (const auto* sub : command->get_subcommands([](const CLI::App*) { return true; })) {
            if (visible(sub) && sub->get_name() == words[i]) {
                command = sub;
                break;
            }
        }
    }
    std::vector<std::string> candidates;
    if (current.starts_with('-')) {
        candidates = option_names(*command, false);
    } else {
        for (const auto* sub : command->get_subcommands([](const CLI::App*) { return true; })) {
            if (visible(sub)) {
                candidates.push_back(sub->get_name());
            }
        }
    }
    std::erase_if(candidates, [&](const std::string& c) { return !c.starts_with(current); });
    return candidates;
}

void print_completions(const CLI::App& root, std::vector<std::string> words, std::ostream& out)
{
    if (words.empty()) {
        words.emplace_back();
    }
    for (const auto& candidate : complete(root, words)) {
        out << candidate << '\n';
    }
}

}  // namespace mlrun::cli

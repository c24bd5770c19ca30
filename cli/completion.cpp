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

// The option `word` names in `command` (or the root's global ones), if any.
const CLI::Option* find_option(const CLI::App& command, const std::string& word)
{
    for (const CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
        for (const auto* option : app->get_options()) {
            if (!option->get_positional() && option->check_name(word)) {
                return option;
            }
        }
    }
    return nullptr;
}

bool takes_value(const CLI::Option& option)
{
    return option.get_type_size_max() > 0 && option.get_items_expected_max() > 0;
}

// `{table,json,yaml}` in a check's description: the values it accepts.
std::vector<std::string> checked_choices(const CLI::Option& option)
{
    std::vector<std::string> choices;
    auto& writable = const_cast<CLI::Option&>(option);  // get_validator is not const
    for (int index = 0;; ++index) {
        std::string description;
        try {
            description = writable.get_validator(index)->get_description();
        } catch (const CLI::OptionNotFound&) {
            break;
        }
        const auto open = description.find('{');
        const auto close = description.find('}', open);
        if (open == std::string::npos || close == std::string::npos) {
            continue;
        }
        std::string item;
        for (auto i = open + 1; i <= close; ++i) {
            if (description[i] == ',' || i == close) {
                if (!item.empty()) {
                    choices.push_back(item);
                }
                item.clear();
            } else if (description[i] != ' ') {
                item += description[i];
            }
        }
    }
    return choices;
}

std::vector<std::string> option_values(const std::string& path, const CLI::Option& option,
                                       const ValueSource& values)
{
    auto choices = checked_choices(option);
    if (choices.empty() && values) {
        choices = values(path, option);
    }
    return choices;
}

}  // namespace

std::vector<std::string> long_options(const CLI::App& command)
{
    return option_names(command, true);
}

std::vector<std::string> complete(const CLI::App& root, const std::vector<std::string>& words,
                                  const ValueSource& values)
{
    const CLI::App* command = &root;
    std::string path;
    const std::string current = words.empty() ? std::string{} : words.back();
    std::size_t filled = 0;                // positionals of `command` given so far
    const CLI::Option* pending = nullptr;  // the option whose value the current word is
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const auto& word = words[i];
        if (pending != nullptr) {
            pending = nullptr;  // this word was its value
            continue;
        }
        if (word.starts_with('-')) {
            const auto* option = find_option(*command, word);
            if (option != nullptr && takes_value(*option) && word.find('=') == std::string::npos) {
                pending = option;
            }
            continue;
        }
        bool entered = false;
        for (const auto* sub : command->get_subcommands([](const CLI::App*) { return true; })) {
            if (visible(sub) && sub->get_name() == word) {
                command = sub;
                path += (path.empty() ? "" : " ") + word;
                filled = 0;
                entered = true;
                break;
            }
        }
        if (!entered) {
            ++filled;
        }
    }
    std::vector<std::string> candidates;
    if (pending != nullptr && !current.starts_with('-')) {
        candidates = option_values(path, *pending, values);
    } else if (current.starts_with('-')) {
        candidates = option_names(*command, false);
    } else {
        for (const auto* sub : command->get_subcommands([](const CLI::App*) { return true; })) {
            if (visible(sub)) {
                candidates.push_back(sub->get_name());
            }
        }
        if (candidates.empty()) {
            // The positional this word fills (a list takes every word after it).
            std::size_t index = 0;
            for (const auto* option : command->get_options()) {
                if (!option->get_positional()) {
                    continue;
                }
                const auto expected = option->get_items_expected_max();
                const auto slots = static_cast<std::size_t>(std::max(expected, 1));
                if (expected >= CLI::detail::expected_max_vector_size || filled < index + slots) {
                    candidates = option_values(path, *option, values);
                    break;
                }
                index += slots;
            }
        }
    }
    std::erase_if(candidates, [&](const std::string& c) { return !c.starts_with(current); });
    return candidates;
}

void print_completions(const CLI::App& root, std::vector<std::string> words, std::ostream& out,
                       const ValueSource& values)
{
    if (words.empty()) {
        words.emplace_back();
    }
    for (const auto& candidate : complete(root, words, values)) {
        out << candidate << '\n';
    }
}

}  // namespace mlrun::cli

#include "cli/run_summary.hpp"

#include "cli/cells.hpp"

#include <algorithm>
#include <string>

namespace mlrun::cli {

void print_run_summary(std::ostream& out, const model::Run& run)
{
    const auto& metadata = run.metadata;
    const auto& status = run.status;
    out << "\nRun " << metadata.name << " (" << metadata.uid << ") in project " << metadata.project
        << ": " << model::to_string(status.state) << "\n";
    if (!status.error.empty() && status.state != model::RunState::completed) {
        out << "  error:      " << status.error << "\n";
    }
    if (status.iterations.is_array() && status.iterations.size() > 1) {
        // The first row is the header; best_iteration is in the results when a selector chose.
        out << "  iterations: " << status.iterations.size() - 1 << "\n";
    }
    if (status.results.is_object() && !status.results.empty()) {
        out << "  results:    " << cells::dict(status.results) << "\n";
    }
    const auto uris = run.artifact_uris();
    std::size_t width = 0;
    for (auto it = uris.begin(); it != uris.end(); ++it) {
        width = std::max(width, it.key().size());
    }
    bool first = true;
    for (auto it = uris.begin(); it != uris.end(); ++it) {
        out << (first ? "  artifacts:  " : "              ") << it.key()
            << std::string(width - it.key().size() + 2, ' ') << cells::value(it.value()) << "\n";
        first = false;
    }
    out << "To look again:\n"
        << "  mlrun get run " << metadata.uid << " -p " << metadata.project << "\n"
        << "  mlrun logs " << metadata.uid << " -p " << metadata.project << "\n";
    out.flush();
}

}  // namespace mlrun::cli

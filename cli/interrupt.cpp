// Ctrl-C handling: immediate exit 130, or a flag for commands that supervise children.

#include "cli/interrupt.hpp"

#include <csignal>
#include <unistd.h>

#include "cli/exit_code.hpp"

namespace mlrun::cli {
namespace {

std::atomic<bool> g_cooperative{false};
std::atomic<bool> g_requested{false};

static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs lock-free atomics");

extern "C" void on_interrupt(int)
{
    if (g_cooperative.load()) {
        g_requested.store(true);
        return;
    }
    constexpr char message[] = "\ninterrupted\n";
    [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(exit_interrupted);
}

}  // namespace

void install_interrupt_handlers()
{
    struct sigaction action
    {
    };
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>& interrupt_requested()
{
    return g_requested;
}

CooperativeInterrupts::CooperativeInterrupts()
{
    g_cooperative.store(true);
}

CooperativeInterrupts::~CooperativeInterrupts()
{
    g_cooperative.store(false);
}

}  // namespace mlrun::cli

// Ctrl-C handling. By default SIGINT ends the process at once with exit code 130 (nothing
// unfinished is lost: files are written atomically, the store in transactions). A command
// that supervises child processes switches to cooperative mode: SIGINT then only raises a
// flag, the command stops its children, records the outcome, and exits 130 itself.
#pragma once

#include <atomic>

namespace mlrun::cli {

// Installs the SIGINT/SIGTERM handlers (main() calls it once).
void install_interrupt_handlers();

// The flag raised by SIGINT/SIGTERM in cooperative mode.
const std::atomic<bool>& interrupt_requested();

// While alive, SIGINT/SIGTERM raise the flag instead of ending the process.
class CooperativeInterrupts
{
public:
    CooperativeInterrupts();
    ~CooperativeInterrupts();
    CooperativeInterrupts(const CooperativeInterrupts&) = delete;
    CooperativeInterrupts& operator=(const CooperativeInterrupts&) = delete;
};

}  // namespace mlrun::cli

// Every exit code the tool returns, chosen in one place.
#pragma once

#include "lib/error.hpp"

namespace mlrun::cli {

enum ExitCode : int
{
    exit_success = 0,       // including an empty list and the spec's "soft failures"
    exit_failure = 1,       // any failure that is not a usage error
    exit_usage = 2,         // bad command line: unknown command/flag, bad value, missing argument
    exit_interrupted = 130  // SIGINT (128 + 2)
};

constexpr int exit_code_for(ErrorKind kind)
{
    if (kind == ErrorKind::interrupted) {
        return exit_interrupted;
    }
    return kind == ErrorKind::usage ? exit_usage : exit_failure;
}

}  // namespace mlrun::cli

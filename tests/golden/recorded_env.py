"""The environment the recordings were made in (golden README: `env -i PATH=/usr/bin:/bin
HOME=<fresh> LANG=C.UTF-8`), plus the sanitizer settings of a sanitizer build under test."""

import os


def recorded_environment(home, **extra):
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "NO_COLOR": "1"}
    for variable in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if variable in os.environ:
            env[variable] = os.environ[variable]
    env.update(extra)
    return env

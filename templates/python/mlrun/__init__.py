"""Lightweight `mlrun` compatibility module shipped with the native mlrun CLI.

Used only when the real `mlrun` package is not installed. Gives handler code written for
MLRun what it needs to run locally: get_or_create_ctx, the run context API and MLClientCtx
for type hints. Standard library only.
"""
from _mlrun_native_ctx import (  # noqa: F401
    DataItem,
    Logger,
    MLClientCtx,
    current_context,
    get_or_create_ctx,
)

__version__ = "1.7.0"
NATIVE_COMPAT = True
logger = Logger()


class _Config:
    def __getattr__(self, name):
        import os
        return os.environ.get("MLRUN_" + name.upper(), "")


mlconf = _Config()


def get_version():
    return __version__

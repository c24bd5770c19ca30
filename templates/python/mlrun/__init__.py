"""Lightweight `mlrun` compatibility module shipped with the native mlrun CLI.

Used only when the real `mlrun` package is not installed. Gives handler code written for
MLRun what it needs to run locally: get_or_create_ctx, the run context API and MLClientCtx
for type hints; and, in workflows run by the local engine, the project API
(get_current_project, run_function, build_function...). Standard library only.
"""
from _mlrun_native_ctx import (  # noqa: F401
    DataItem,
    Logger,
    MLClientCtx,
    current_context,
    get_or_create_ctx,
)
from _mlrun_native_project import (  # noqa: F401
    MlrunProject,
    RunObject,
    auto_mount,
    build_function,
    deploy_function,
    get_current_project,
    get_or_create_project,
    load_project,
    mount_v3io,
    run_function,
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

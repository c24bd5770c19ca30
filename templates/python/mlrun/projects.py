"""`mlrun.projects` of the compatibility module: the project API of workflows."""
from _mlrun_native_project import (  # noqa: F401
    MlrunProject,
    build_function,
    deploy_function,
    get_current_project,
    get_or_create_project,
    load_project,
    run_function,
)

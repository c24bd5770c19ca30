"""`mlrun.execution` of the compatibility module: MLClientCtx for handler type hints."""
from _mlrun_native_ctx import MLClientCtx  # noqa: F401

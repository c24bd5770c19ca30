"""`mlrun.datastore` of the compatibility module: DataItem for handler type hints."""
from _mlrun_native_ctx import DataItem  # noqa: F401

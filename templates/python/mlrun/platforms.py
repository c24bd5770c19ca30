"""`mlrun.platforms` of the compatibility module: Kubernetes modifiers, no-ops locally."""
from _mlrun_native_project import auto_mount, mount_pvc, mount_v3io  # noqa: F401

"""Helpers shared by the benchmark scripts."""
from __future__ import annotations

import subprocess
from pathlib import Path


def drop_page_cache() -> bool:
    """Drop the OS page cache for a cold start (root only); False when not allowed."""
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False

"""`make bench`: runs every benchmark of the project and prints its figures (never asserts on time)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_convert
import bench_extract
import bench_floors
import bench_formats
import bench_galaxies
import bench_hostile
import bench_module_gil
import bench_modules
import bench_sync
import bench_techniques


def main() -> None:
    """Run the benchmarks one after the other: the table of figures against their floors first."""
    bench_floors.main()
    bench_convert.main()
    bench_extract.main()
    bench_formats.main()
    bench_galaxies.main()
    bench_hostile.main()
    bench_modules.main()
    bench_module_gil.main()
    bench_sync.main()
    bench_techniques.main()


if __name__ == "__main__":
    main()

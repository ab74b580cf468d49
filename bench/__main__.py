import importlib
import os
import pkgutil
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("PORTAL_TEST_DB", "bench_portal")


def main() -> int:
    import django

    django.setup()
    from django.db import connection

    import bench
    from bench.harness import Harness

    only = set(sys.argv[1:])
    names = sorted(
        module.name
        for module in pkgutil.iter_modules(bench.__path__)
        if module.name not in {"harness", "__main__"} and (not only or module.name in only)
    )
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    # Persistent connections, as production runs (CONN_MAX_AGE); no reconnect per request.
    connection.settings_dict["CONN_MAX_AGE"] = None
    harness = Harness()
    started = time.perf_counter()
    try:
        for name in names:
            print(f"== {name}", flush=True)
            importlib.import_module(f"bench.{name}").run(harness)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print()
    print(harness.table())
    print(f"\n{len(harness.rows)} measurements in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

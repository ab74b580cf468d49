"""Settings shared by every environment: the project's apps are written in one place."""

import tomllib
from importlib.util import find_spec

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from config.apps import PORTAL_APPS
from tests.conftest import BASE_DIR


def test_installed_apps_end_with_the_portal_apps_bottom_to_top():
    assert settings.INSTALLED_APPS[-len(PORTAL_APPS) :] == PORTAL_APPS
    assert PORTAL_APPS[0] == "core"
    assert PORTAL_APPS[-1] == "portal"


def test_admin_modules_are_those_of_the_portal_apps_that_have_one():
    ours = [
        module for module in settings.PORTAL_ADMIN_MODULES if module.split(".")[0] in PORTAL_APPS
    ]
    assert ours == [f"{app}.admin" for app in PORTAL_APPS if find_spec(f"{app}.admin") is not None]
    assert "cities.admin" in ours


def test_build_files_do_not_repeat_the_list_of_apps():
    for name in ["Dockerfile", "Makefile", "pyproject.toml"]:
        text = (BASE_DIR / name).read_text()
        assert "docs_library" not in text, f"{name} lists the apps; read config/apps.py instead"


def test_packaging_finds_exactly_the_portal_apps_and_config():
    find_namespace_packages = pytest.importorskip("setuptools").find_namespace_packages
    pyproject = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())
    exclude = pyproject["tool"]["setuptools"]["packages"]["find"]["exclude"]
    packages = find_namespace_packages(str(BASE_DIR), exclude=exclude)
    assert {name.split(".")[0] for name in packages} == {"config", *PORTAL_APPS}


def test_lock_files_pin_every_dependency_of_pyproject():
    """A dependency added to pyproject.toml without `make lock` would never be installed."""
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
    for lock, requirements in [
        ("production.lock", project["dependencies"]),
        ("test.lock", project["dependencies"] + project["optional-dependencies"]["test"]),
    ]:
        pinned = {
            canonicalize_name(line.split("==")[0])
            for line in (BASE_DIR / "requirements" / lock).read_text().splitlines()
            if "==" in line and not line.startswith((" ", "#"))
        }
        wanted = {canonicalize_name(Requirement(text).name) for text in requirements}
        assert wanted - pinned == set(), f"run `make lock`: requirements/{lock} is out of date"

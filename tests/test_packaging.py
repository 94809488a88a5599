"""The wheel: it ships the migrations and resources, and an installed copy finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=240, check=False, env=env, cwd=cwd
    )
    assert result.returncode == 0, (
        f"{args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--disable-pip-version-check",
        "-q",
        "-w",
        str(out),
        str(ROOT),
    )
    wheels = list(out.glob("bilatdesk-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_ships_migrations_and_resources(wheel: Path) -> None:
    """The wheel holds alembic's env.py, the first revision and every file under resources/."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "bilatdesk/_migrations/env.py" in names
    assert "bilatdesk/_migrations/versions/0001_initial.py" in names
    assert "bilatdesk/_resources/README.md" in names
    shipped = {
        f"bilatdesk/_resources/{path.relative_to(ROOT / 'resources').as_posix()}"
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert shipped <= names, sorted(shipped - names)


def test_installed_wheel_finds_its_migrations_and_resources(wheel: Path, tmp_path: Path) -> None:
    """Installed from the wheel, config finds migrations and resources inside the install."""
    target = tmp_path / "site"
    _run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--disable-pip-version-check",
        "-q",
        "--target",
        str(target),
        str(wheel),
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target), env.get("PYTHONPATH")]))
    script = (
        "import bilatdesk, bilatdesk.config as c; "
        "print(bilatdesk.__file__); print(c.migrations_dir()); print(c.resources_dir())"
    )
    # cwd outside the checkout, so '' on sys.path cannot pick up the source tree.
    result = _run(sys.executable, "-c", script, env=env, cwd=tmp_path)
    package, migrations, resources = (Path(line) for line in result.stdout.splitlines()[-3:])
    site = target.resolve()
    for path in (package, migrations, resources):
        assert path.resolve().is_relative_to(site), f"{path} is not inside {site}"
    assert (migrations / "env.py").is_file()
    assert (migrations / "versions" / "0001_initial.py").is_file()
    assert (resources / "README.md").is_file()

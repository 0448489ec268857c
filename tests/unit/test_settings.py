"""The production settings module refuses to start half-configured."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "SECRET_KEY": "k3y-" + "x9Qz!7@pL2#vB8$mN4%" * 4,
    "ALLOWED_HOSTS": "galerikriya.example",
    "DATABASE_URL": "postgres://shop@db.internal:5432/galeri_kriya",
    "MARKETPLACE_CREDENTIALS_KEY": "q1W3xFq8mJ0nB6cS2h3Zk9Lr4tV7yA1eD5gH8jK0mN4=",
}


def run_manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in GOOD_ENV and not k.startswith("DJANGO")}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="shop.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(GOOD_ENV))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in GOOD_ENV.items() if k != missing}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_sqlite():
    result = run_manage("check", env_overrides={**GOOD_ENV, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "real database server" in result.stderr


def test_production_passes_deploy_check_with_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=GOOD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_import_no_application_code_but_the_status_names():
    """Settings name our code by dotted path or hold plain values; the one import is the
    status module (plain strings), which settings and code share."""
    import subprocess
    import sys

    probe = (
        "import sys, shop.settings.local, shop.settings.test;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('shop', 'marketplace_sync')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    # shop.celery is the package's own Celery app (shop/__init__.py), not something settings import.
    assert eval(out) == ["shop", "shop.celery", "shop.order", "shop.order.statuses", "shop.settings",
                         "shop.settings.base", "shop.settings.local", "shop.settings.test"]


def test_status_pipelines_come_from_the_status_module(settings):
    from shop.order import statuses

    assert settings.OSCAR_INITIAL_ORDER_STATUS == statuses.NEW
    assert settings.OSCAR_ORDER_STATUS_PIPELINE == statuses.ORDER_PIPELINE
    assert settings.OSCAR_LINE_STATUS_PIPELINE == statuses.LINE_PIPELINE
    assert set(statuses.ORDER_PIPELINE) == set(statuses.FORWARD) | {statuses.CANCELLED}

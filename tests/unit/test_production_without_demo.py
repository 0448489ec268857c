"""Production settings install no demo: no loader, no kriya-demo logins, no demo channels."""
import pytest

from .test_settings import GOOD_ENV, run_manage

pytestmark = pytest.mark.xdist_group("production_settings")


def test_production_has_no_demo_app_and_no_demo_commands():
    result = run_manage("shell", "-c", "from django.conf import settings; from django.apps import apps; "
                        "print('demo installed:', apps.is_installed('shop.demo')); "
                        "print('apps:', ' '.join(settings.INSTALLED_APPS))", env_overrides=GOOD_ENV)
    assert result.returncode == 0, result.stderr
    assert "demo installed: False" in result.stdout
    assert "shop.demo" not in result.stdout
    commands = run_manage("help", "--commands", env_overrides=GOOD_ENV)
    assert commands.returncode == 0, commands.stderr
    names = commands.stdout.split()
    assert "load_demo_catalogue" not in names and "demo_banner" not in names
    assert "marketplace_sync" in names  # the real commands are there


def test_production_refuses_the_demo_channels():
    result = run_manage("marketplace_demo_setup", "--no-enqueue", env_overrides=GOOD_ENV)
    assert result.returncode != 0
    assert "demo is not installed" in result.stderr


@pytest.mark.parametrize("module", ["shop.settings.local", "shop.settings.test"])
def test_the_demo_is_installed_where_the_demo_runs(module):
    import importlib

    settings_module = importlib.import_module(module)
    assert "shop.demo.apps.DemoConfig" in settings_module.INSTALLED_APPS

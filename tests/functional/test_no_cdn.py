"""Nothing outside this machine is reachable: pages load their scripts locally."""
import pytest


@pytest.mark.django_db
def test_dashboard_and_storefront_load_jquery_locally(admin_client, client):
    r = admin_client.get("/dashboard/")
    assert r.status_code == 200
    assert b"googleapis" not in r.content
    assert b"oscar/js/jquery/jquery.min.js" in r.content
    page = client.get("/")
    assert b"googleapis" not in page.content

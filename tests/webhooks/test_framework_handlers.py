"""The webhooks guide's FastAPI, Starlette, Flask and Django handlers run as written."""

from __future__ import annotations

import importlib
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from heygen.webhooks import WebhookEvent
from tests.webhooks._deliveries import EVENT, OTHER_SECRET, SECRET, body_of, headers_for

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "webhooks.md"
PATH = "/webhooks/heygen"


def guide_block(title: str) -> str:
    match = re.search(
        rf'```python title="{re.escape(title)}"\n(.*?)```', GUIDE.read_text(encoding="utf-8"), re.S
    )
    assert match, f"the webhooks guide has no python block titled {title}"
    return match.group(1)


@pytest.fixture
def load_guide_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], ModuleType]]:
    monkeypatch.setenv("HEYGEN_API_KEY", "handler-test-key")
    monkeypatch.setenv("HEYGEN_WEBHOOK_SECRET", SECRET)
    monkeypatch.syspath_prepend(str(tmp_path))
    loaded: list[str] = []

    def load(title: str) -> ModuleType:
        (tmp_path / title).write_text(guide_block(title), encoding="utf-8")
        name = title.removesuffix(".py")
        loaded.append(name)
        return importlib.import_module(name)

    yield load
    for name in loaded:
        sys.modules.pop(name, None)


def _deliveries() -> dict[str, tuple[bytes, dict[str, str]]]:
    now = time.time()
    body = body_of()
    return {
        "good": (body, headers_for(body, timestamp=now)),
        "tampered": (body.replace(b"group-1", b"group-2"), headers_for(body, timestamp=now)),
        "wrong secret": (body, headers_for(body, secret=OTHER_SECRET, timestamp=now)),
        "stale": (body, headers_for(body, timestamp=now - 3600)),
        "unsigned": (body, {"Content-Type": "application/json"}),
    }


def _check(post: Callable[[bytes, dict[str, str]], tuple[int, Any]], module: ModuleType) -> None:
    """Good deliveries are published once; every bad one gets a 400 saying why."""
    listening = module.feed._subscribe()
    deliveries = _deliveries()
    body, headers = deliveries["good"]
    assert post(body, headers)[0] == 200
    assert post(body, headers)[0] == 200  # HeyGen's retry of the same event: accepted, not re-published
    published = listening.poll()
    assert isinstance(published, WebhookEvent)
    assert published.event_id == EVENT["event_id"]
    assert listening.poll() is None
    for case, expected in (
        ("tampered", "does not match"),
        ("wrong secret", "does not match"),
        ("stale", "old"),
        ("unsigned", "missing"),
    ):
        status, text = post(*deliveries[case])
        assert status == 400, case
        assert expected in text, case
        assert SECRET not in text
    assert listening.poll() is None


@pytest.mark.parametrize("title", ["fastapi_app.py", "starlette_app.py"])
def test_the_asgi_handlers(load_guide_module: Callable[[str], ModuleType], title: str) -> None:
    from starlette.testclient import TestClient

    module = load_guide_module(title)
    with TestClient(module.app) as http:

        def post(body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
            response = http.post(PATH, content=body, headers=headers)
            return response.status_code, response.text

        _check(post, module)


def test_the_flask_handler(load_guide_module: Callable[[str], ModuleType]) -> None:
    module = load_guide_module("flask_app.py")
    http = module.app.test_client()

    def post(body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        response = http.post(PATH, data=body, headers=headers)
        return response.status_code, response.get_data(as_text=True)

    _check(post, module)


def test_the_django_view(load_guide_module: Callable[[str], ModuleType]) -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="test-only",
            ALLOWED_HOSTS=["testserver"],
            ROOT_URLCONF="django_views",
            MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
            INSTALLED_APPS=[],
            USE_TZ=True,
        )
        django.setup()
    from django.test import Client

    module = load_guide_module("django_views.py")
    http = Client(enforce_csrf_checks=True)

    def post(body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        response = http.post(
            "/" + PATH.lstrip("/"), data=body, content_type="application/json", headers=headers
        )
        return response.status_code, response.content.decode()

    _check(post, module)
    assert http.get(PATH).status_code == 405

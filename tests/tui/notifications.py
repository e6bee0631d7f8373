"""Recording the app's notifications in a test, each checked to be plain text (`markup=False`)."""

from __future__ import annotations

import pytest

from tui.app import MissionTimelineApp


def record_notes(app: MissionTimelineApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages `app` shows with `notify` from now on, in order, as they are shown."""
    notes: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        assert kwargs.get("markup") is False, "every notification is plain text"
        notes.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    return notes

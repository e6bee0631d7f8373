"""The baseline for first-frame timings: a bare Textual app with one `Static`."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello from a bare Textual app.")


def main() -> int:
    BareApp().run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

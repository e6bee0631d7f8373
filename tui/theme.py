"""The house theme: a dark mission-control palette (the built-in themes stay available)."""

from __future__ import annotations

from textual.theme import Theme

HOUSE_THEME = "mission-timeline"

MISSION_TIMELINE_THEME = Theme(
    name=HOUSE_THEME,
    primary="#4FA3E0",
    secondary="#2D6A9F",
    accent="#F2A541",
    warning="#F2C14E",
    error="#E0556A",
    success="#6CC487",
    foreground="#DCE3EA",
    background="#0E1620",
    surface="#15202C",
    panel="#1C2A38",
    dark=True,
    variables={
        "footer-key-foreground": "#F2A541",
        "block-cursor-background": "#2D6A9F",
        "block-cursor-foreground": "#FFFFFF",
    },
)

"""The time-axis view's and its overview ruler's look: their stylesheet, parsed when the view
is first mounted (`TimeAxis.DEFAULT_CSS`; the ruler is mounted with it), not for the first
screen, which does without both."""

AXIS_CSS = """
TimeAxis {
    height: 1fr;
    overflow-x: hidden;
}

#axis {
    height: 1fr;
    min-height: 6;
    background: $surface;
    scrollbar-size-vertical: 1;
    border-subtitle-color: $text-muted;  /* the legend, focused or not */
}

#axis, #ruler {
    display: none;  /* until v: the screen shows them (and hides the list where there is no
                       room for both), without restyling anything else */
}

Screen.-axis-list #axis {
    height: auto;  /* as tall as its lanes, the list takes the rest */
    max-height: 65%;
}

#ruler {
    margin: 0 1;
    background: $background;
}

/* The time-axis view's parts (tui/widgets/time_axis_rows.py): the lanes' states differ by
   character as well as colour; phases alternate two shades of the panes' backgrounds; the
   selected event's column is the cursor (reversed without colour), as in the list. */
TimeAxis > .time-axis--cursor, OverviewRuler > .time-axis--cursor {
    background: $block-cursor-blurred-background;
    color: $block-cursor-blurred-foreground;
    text-style: bold;
}

TimeAxis:focus > .time-axis--cursor {
    background: $block-cursor-background;
    color: $block-cursor-foreground;
}

TimeAxis:nocolor > .time-axis--cursor {
    text-style: reverse bold;
}

TimeAxis > .time-axis--band-1, OverviewRuler > .time-axis--band-1 {
    background: $surface;
}

TimeAxis > .time-axis--band-2, OverviewRuler > .time-axis--band-2 {
    background: $panel;
}

TimeAxis > .time-axis--row-name, OverviewRuler > .time-axis--row-name {
    color: $text-muted;
}

TimeAxis > .time-axis--phase, OverviewRuler > .time-axis--phase {
    color: $text-secondary;
    text-style: bold;
}

TimeAxis > .time-axis--phase-rule, OverviewRuler > .time-axis--phase-rule {
    color: $text-muted;
}

TimeAxis > .time-axis--tick {
    color: $foreground;  /* the muted colour falls under 4.5:1 on a light theme's panel band */
}

TimeAxis > .time-axis--tick-major {
    color: $text-primary;
    text-style: bold;
}

TimeAxis > .time-axis--marker {
    color: $text-accent;
    text-style: bold;
}

TimeAxis > .time-axis--count {
    color: $text-warning;
    text-style: bold;
}

TimeAxis > .time-axis--label {
    color: $foreground;
}

TimeAxis > .time-axis--flight {
    color: $text-accent;
}

TimeAxis > .time-axis--station {
    color: $text-primary;
}

TimeAxis > .time-axis--docked {
    color: $text-success;
}

TimeAxis > .time-axis--bar-label {
    color: $foreground;
}

OverviewRuler > .overview-ruler--visible {
    background: $block-cursor-blurred-background;
    color: $block-cursor-blurred-foreground;
}

OverviewRuler:nocolor > .overview-ruler--visible {
    text-style: reverse;
}
"""
"""Unscoped (`TimeAxis.SCOPED_CSS` is off): it styles the ruler too, and the view by its id."""

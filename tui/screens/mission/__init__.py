"""The mission screen: the timeline, its panes and its keys, and the work it hands off."""

"""The time axis shared by the time-axis view and the exported picture: scale, ticks, markers
and lanes, in units (a terminal cell, a pixel); nothing here draws."""

"""The mission clock (a moment in mission time, standing still or running at a speed) and what
the mission looks like at its moment: the events past, the next one, who is where."""

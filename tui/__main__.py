"""`python -m tui` runs the same command as `mission-timeline`."""

from tui.entry import main

raise SystemExit(main())

"""`python -m tui` runs the same command as `mission-timeline`."""

from tui.cli import main

raise SystemExit(main())

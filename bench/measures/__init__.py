"""The measures of bench/run.py, one module per kind; each returns Result lines."""

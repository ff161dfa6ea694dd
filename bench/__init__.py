"""Benchmarks of the dashboard: `python -m bench` (see docs/benchmarks.md)."""

"""Importers, one per source format: CBS StatLine CSVs and the project's tidy CSV."""

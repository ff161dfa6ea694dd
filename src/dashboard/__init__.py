"""Brede Welvaart Dashboard Drenthe."""

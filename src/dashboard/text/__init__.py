"""Everything the dashboard writes: interface strings (i18n), numbers and sentences."""

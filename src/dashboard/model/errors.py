"""Exceptions whose messages are meant for people: they name the file, row, column and problem."""


class DataError(Exception):
    """Input data (a table, a catalogue entry, a boundary file) is not as expected."""

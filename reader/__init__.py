"""reader: a terminal study reader for Chinese."""

__version__ = "0.1.0"

"""Widgets of the reader UI, one per module."""

"""The Textual user interface. Everything below ``reader.ui`` may import Textual and Rich."""

"""The language core: document model, segmentation, pinyin, dictionary, glossary.

Pure Python: nothing here imports Textual or Rich.
"""

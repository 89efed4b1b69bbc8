"""The extraction core: a pure library (no I/O beyond reading its own data files).

    from newsevents.extract.engine import Extractor
    articles = Extractor().extract(text, published=date(2024, 10, 10), kind="page")
"""

from .pipeline import ENGINE_VERSION, ExtractionError, Extractor

__all__ = ["ENGINE_VERSION", "ExtractionError", "Extractor"]

"""newsevents: Chinese news in, structured, queryable, subscribable events out."""

__version__ = "0.1.0"

"""The public gateway: validates every request at the door, forwards reads to the store and
pushes to ingest over HTTP, and streams new events live from NATS as Server-Sent Events.
"""

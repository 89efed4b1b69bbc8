"""The wire contract every service imports: messages, subjects and streams, CloudEvents headers,
identifiers, and the HTTP models shared by the public API and the services behind it.

No service imports another service; they all import this package.
"""

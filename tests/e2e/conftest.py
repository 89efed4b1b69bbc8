"""End-to-end tests: the figures a test records with ``record_property(name, …)`` for a name in
``FIGURES`` are printed in the terminal summary, so they show in every `make test` run."""

from __future__ import annotations

FIGURES = ("soak", "memory")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, value in getattr(report, "user_properties", ()):
                if name in FIGURES:
                    lines.append(f"{report.nodeid} [{report.outcome}]: {value}")
    if lines:
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.write_line(line)

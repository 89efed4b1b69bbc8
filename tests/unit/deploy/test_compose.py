"""The compose files are valid Compose and ask only for commands and settings the code understands."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from newsevents.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_FILES = [ROOT / "docker-compose.yml", *sorted((ROOT / "deploy").glob("docker-compose*.yml"))]
SETTINGS_OF = {"serve": lambda args: args.service, "migrate": lambda args: "store"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def our_services(compose: dict) -> dict[str, dict]:
    return {n: s for n, s in compose["services"].items() if str(s.get("image", "")).startswith("newsevents")}


def env_names(settings_cls) -> set[str]:
    prefix = settings_cls.model_config.get("env_prefix", "")
    names = set()
    for name, field in settings_cls.model_fields.items():
        names.add((prefix + name).upper())
        alias = field.validation_alias
        for choice in getattr(alias, "choices", [alias] if isinstance(alias, str) else []):
            if isinstance(choice, str):
                names.add(choice.upper())
    return names


def test_there_is_a_single_host_and_a_cluster_variant():
    assert [p.name for p in COMPOSE_FILES] == ["docker-compose.yml", "docker-compose.cluster.yml"]


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_file_is_valid_against_the_compose_spec(path, shared_dir):
    schema = json.loads((shared_dir / "schemas" / "compose-spec.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    assert [e.message[:200] for e in validator.iter_errors(load(path))] == []


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_every_service_command_and_variable_is_understood(path):
    parser = build_parser()
    services = our_services(load(path))
    assert {"migrate", "store", "extract", "ingest", "api"} <= set(services)
    for name, service in services.items():
        args = parser.parse_args(service["command"])
        assert args.command in SETTINGS_OF, f"{name}: {service['command']}"
        target = SETTINGS_OF[args.command](args)
        settings_cls = importlib.import_module(f"newsevents.{target}.config").Settings
        unknown = set(service.get("environment", {})) - env_names(settings_cls)
        assert not unknown, f"{path.name}:{name} sets variables {target} does not read: {sorted(unknown)}"
        settings_cls(**{})  # defaults are valid


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_dependencies_wait_for_health_and_extract_has_two_replicas(path):
    compose = load(path)
    services = compose["services"]
    assert services["extract"]["deploy"]["replicas"] == 2
    assert all("healthcheck" in s for n, s in services.items() if n != "migrate")
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    for name in ("store", "extract", "ingest", "api"):
        deps = services[name]["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully"
        assert all(d["condition"] in {"service_healthy", "service_completed_successfully"} for d in deps.values())


def test_cluster_variant_replicates_streams_over_three_servers():
    compose = load(ROOT / "deploy" / "docker-compose.cluster.yml")
    nats = [n for n in compose["services"] if n.startswith("nats-")]
    assert len(nats) == 3
    env = compose["services"]["store"]["environment"]
    assert env["NEWSEVENTS_STREAM_REPLICAS"] == "3"
    assert len(env["NEWSEVENTS_NATS_URL"].split(",")) == 3
    conf = (ROOT / "deploy" / "nats" / "cluster.conf").read_text("utf-8")
    assert all(f"nats-route://{n}:6222" in conf for n in nats)

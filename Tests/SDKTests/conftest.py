"""Fixtures for the SDK compatibility tests.

The Swift test `SDKCompatibilityTests` starts two `switchyard sim` upstreams and a `switchyard serve` gateway on
ephemeral 127.0.0.1 ports, then runs pytest here with their addresses in the environment.
"""
import os

import anthropic
import httpx
import openai
import pytest


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these tests through `swift test` (SDKCompatibilityTests)")
    return value


@pytest.fixture(scope="session")
def gateway() -> str:
    return _env("SWITCHYARD_GATEWAY")


@pytest.fixture(scope="session")
def primary() -> str:
    return _env("SWITCHYARD_SIM_PRIMARY")


@pytest.fixture(scope="session")
def secondary() -> str:
    return _env("SWITCHYARD_SIM_SECONDARY")


@pytest.fixture
def oai(gateway: str) -> openai.OpenAI:
    """The openai SDK with the unrestricted test key."""
    return openai.OpenAI(base_url=f"{gateway}/v1", api_key=_env("SWITCHYARD_KEY"), max_retries=0)


@pytest.fixture
def claude(gateway: str) -> anthropic.Anthropic:
    """The anthropic SDK with the unrestricted test key."""
    return anthropic.Anthropic(base_url=gateway, api_key=_env("SWITCHYARD_KEY"), max_retries=0)


def auth() -> dict:
    """The Authorization header of the unrestricted test key, for raw HTTP requests."""
    return {"authorization": f"Bearer {_env('SWITCHYARD_KEY')}"}


def set_faults(sim: str, **faults) -> None:
    response = httpx.put(f"{sim}/_sim/faults", json=faults, timeout=5)
    response.raise_for_status()


@pytest.fixture(autouse=True)
def calm_upstreams(primary: str, secondary: str):
    """Every test starts and ends with fault-free upstreams."""
    set_faults(primary)
    set_faults(secondary)
    yield
    set_faults(primary)
    set_faults(secondary)

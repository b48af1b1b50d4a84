"""Every client API against an upstream of every provider kind: the openai SDK's Responses API (JSON, stream,
function tools, structured output) and models.retrieve, the anthropic SDK's messages and count_tokens, and
google-genai's generate_content, its stream and function calling — each through a deployment of kind openai,
openai-compatible, anthropic, gemini, azure-openai and bedrock. Responses requests reach the openai-kind deployment
natively (the primary simulator logs them at its /v1/responses) and every other kind translated."""
import json

import httpx
import pytest
from conftest import _env
from google import genai
from google.genai import types
from pydantic import BaseModel

# One model group per provider kind (the gateway's test config in SDKCompatibilityTests).
KINDS = {
    "openai": "openai-sim",
    "openai-compatible": "gpt-sim",
    "anthropic": "claude-sim",
    "gemini": "gemini-sim",
    "azure-openai": "azure-sim",
    "bedrock": "bedrock-sim",
}
EVERY_KIND = pytest.mark.parametrize("model", list(KINDS.values()), ids=list(KINDS.keys()))
# The kinds whose deployments get Responses requests natively; the primary simulator serves them all.
NATIVE = {"openai-sim"}

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


class City(BaseModel):
    name: str
    population: int


@pytest.fixture
def google(gateway: str) -> genai.Client:
    return genai.Client(api_key=_env("SWITCHYARD_KEY"), http_options=types.HttpOptions(base_url=gateway))


def primary_paths(primary: str) -> list:
    """The paths of the requests the primary simulator received since its log was last cleared."""
    response = httpx.get(f"{primary}/_sim/requests", timeout=5)
    response.raise_for_status()
    return [r["path"] for r in response.json()["requests"]]


def assert_native_iff_openai(primary: str, model: str) -> None:
    paths = primary_paths(primary)
    responses_calls = [p for p in paths if p.endswith("/responses")]
    if model in NATIVE:
        assert responses_calls and all(p == "/v1/responses" for p in paths), paths
    else:
        assert not responses_calls, paths


@EVERY_KIND
def test_responses_json_and_stream(oai, primary, model):
    httpx.delete(f"{primary}/_sim/requests", timeout=5).raise_for_status()
    raw = oai.responses.with_raw_response.create(model=model, input="Say hi", max_output_tokens=20)
    assert raw.headers["x-switchyard-deployment"].startswith(f"{model}/")
    response = oai.responses.create(model=model, instructions="Be brief.", input="Say hello", max_output_tokens=60)
    assert response.status in ("completed", "incomplete")
    assert response.output_text
    assert response.usage.input_tokens > 0 and response.usage.output_tokens > 0
    events = list(oai.responses.create(model=model, input="Tell me a story", max_output_tokens=60, stream=True))
    assert events[0].type == "response.created"
    assert events[-1].type in ("response.completed", "response.incomplete")
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert text and text == events[-1].response.output_text
    assert_native_iff_openai(primary, model)


@EVERY_KIND
def test_responses_function_tools(oai, primary, model):
    httpx.delete(f"{primary}/_sim/requests", timeout=5).raise_for_status()
    response = oai.responses.create(
        model=model, input="What is the weather in Paris?", tools=[WEATHER], tool_choice="required"
    )
    calls = [item for item in response.output if item.type == "function_call"]
    assert calls and calls[0].name == "get_weather"
    assert isinstance(json.loads(calls[0].arguments), dict)
    answered = oai.responses.create(
        model=model,
        tools=[WEATHER],
        input=[
            {"role": "user", "content": "What is the weather in Paris?"},
            {"type": "function_call", "call_id": calls[0].call_id, "name": "get_weather", "arguments": calls[0].arguments},
            {"type": "function_call_output", "call_id": calls[0].call_id, "output": "18 C, sunny"},
        ],
    )
    assert answered.output_text
    assert_native_iff_openai(primary, model)


@EVERY_KIND
def test_responses_structured_output(oai, primary, model):
    httpx.delete(f"{primary}/_sim/requests", timeout=5).raise_for_status()
    parsed = oai.responses.parse(model=model, input="Name a city and its population", text_format=City)
    assert isinstance(parsed.output_parsed, City)
    assert_native_iff_openai(primary, model)


@EVERY_KIND
def test_models_retrieve(oai, claude, model):
    assert oai.models.retrieve(model).id == model
    assert claude.models.retrieve(model).id == model


@EVERY_KIND
def test_anthropic_messages_and_count_tokens(claude, model):
    message = claude.messages.create(model=model, max_tokens=50, messages=[{"role": "user", "content": "Say hello"}])
    assert message.content[0].text
    counted = claude.messages.with_raw_response.count_tokens(model=model, messages=[{"role": "user", "content": "hi"}])
    assert counted.parse().input_tokens > 0
    assert counted.headers["x-switchyard-token-count"] in ("upstream", "estimate")


@EVERY_KIND
def test_google_generate_content_stream_and_function_calling(google, model):
    response = google.models.generate_content(model=model, contents="Say hello")
    assert response.text
    chunks = list(google.models.generate_content_stream(model=model, contents="Tell me a story"))
    assert "".join(c.text or "" for c in chunks)
    assert chunks[-1].usage_metadata.candidates_token_count > 0
    weather = types.FunctionDeclaration(
        name="get_weather", description="Current weather for a city",
        parameters=types.Schema(type=types.Type.OBJECT, properties={"city": types.Schema(type=types.Type.STRING)},
                                required=["city"]),
    )
    called = google.models.generate_content(
        model=model,
        contents="What is the weather in Paris?",
        config=types.GenerateContentConfig(
            tools=[types.Tool(function_declarations=[weather])],
            tool_config=types.ToolConfig(function_calling_config=types.FunctionCallingConfig(mode="ANY")),
        ),
    )
    assert called.function_calls and called.function_calls[0].name == "get_weather"

"""The official anthropic SDK against Switchyard, natively and translated to an OpenAI-wire upstream."""
import anthropic
import httpx
import pytest
from conftest import _env, set_faults

WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather for a city",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


@pytest.fixture
def client(gateway: str) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gateway, api_key=_env("SWITCHYARD_KEY"), max_retries=0)


def test_models(client):
    listed = client.models.list()
    ids = [m.id for m in listed.data]
    assert "claude-sim" in ids and "gpt-sim" in ids
    assert listed.has_more is False and listed.first_id == ids[0] and listed.last_id == ids[-1]
    model = client.models.retrieve("claude-sim")
    assert model.type == "model" and model.id == "claude-sim" and model.display_name == "claude-sim"
    assert model.created_at.year >= 2026
    with pytest.raises(anthropic.NotFoundError):
        client.models.retrieve("claude-9")


def test_count_tokens(client):
    short = client.messages.count_tokens(model="claude-sim", messages=[{"role": "user", "content": "hi"}])
    long = client.messages.count_tokens(
        model="gpt-sim", system="Be brief.", messages=[{"role": "user", "content": "tell me more " * 200}]
    )
    assert 0 < short.input_tokens < long.input_tokens
    # An Anthropic deployment counts (passed through); an OpenAI-compatible one leaves it to the gateway's estimate.
    counted = client.messages.with_raw_response.count_tokens(
        model="claude-sim", messages=[{"role": "user", "content": "hi"}]
    )
    assert counted.headers["x-switchyard-token-count"] == "upstream"
    assert counted.parse().input_tokens == short.input_tokens
    estimated = client.messages.with_raw_response.count_tokens(
        model="gpt-sim", messages=[{"role": "user", "content": "hi"}]
    )
    assert estimated.headers["x-switchyard-token-count"] == "estimate"


@pytest.mark.parametrize("model", ["claude-sim", "gpt-sim"])
def test_message(client, model):
    message = client.messages.create(
        model=model, max_tokens=50, system="Be brief.", messages=[{"role": "user", "content": "Say hello"}]
    )
    assert message.type == "message" and message.role == "assistant"
    assert message.content[0].type == "text" and message.content[0].text
    assert message.stop_reason in ("end_turn", "max_tokens")
    assert message.usage.input_tokens > 0 and message.usage.output_tokens > 0


@pytest.mark.parametrize("model", ["claude-sim", "gpt-sim"])
def test_stream(client, model):
    with client.messages.stream(model=model, max_tokens=60, messages=[{"role": "user", "content": "Tell me a story"}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text
    assert final.content[0].text == text
    assert final.usage.output_tokens > 0
    assert final.stop_reason in ("end_turn", "max_tokens")


@pytest.mark.parametrize("model", ["claude-sim", "gpt-sim"])
def test_tools(client, model):
    messages = [{"role": "user", "content": "What is the weather in Paris?"}]
    message = client.messages.create(model=model, max_tokens=200, tools=[WEATHER_TOOL], messages=messages)
    assert message.stop_reason == "tool_use"
    use = next(block for block in message.content if block.type == "tool_use")
    assert use.name == "get_weather" and "city" in use.input

    with client.messages.stream(model=model, max_tokens=200, tools=[WEATHER_TOOL], messages=messages) as stream:
        final = stream.get_final_message()
    streamed = next(block for block in final.content if block.type == "tool_use")
    assert streamed.name == "get_weather" and "city" in streamed.input

    follow = client.messages.create(
        model=model,
        max_tokens=100,
        tools=[WEATHER_TOOL],
        messages=messages
        + [
            {"role": "assistant", "content": [block.model_dump() for block in message.content]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": use.id, "content": '{"temp_c": 21}'}]},
        ],
    )
    assert follow.content[0].type == "text"


def test_errors_have_the_anthropic_shape(client, gateway):
    with pytest.raises(anthropic.NotFoundError) as info:
        client.messages.create(model="claude-nope", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    assert "claude-sim" in str(info.value)

    r = httpx.post(f"{gateway}/v1/messages", json={"model": "claude-sim", "messages": [{"role": "user", "content": "hi"}]},
                   headers={"x-api-key": _env("SWITCHYARD_KEY")})
    assert r.status_code == 400
    body = r.json()
    assert body["type"] == "error" and body["error"]["type"] == "invalid_request_error"
    assert "max_tokens" in body["error"]["message"]


def test_sdk_exception_classes(client, secondary):
    with pytest.raises(anthropic.BadRequestError):
        client.messages.create(model="claude-sim", max_tokens=10, messages=[])
    # An upstream that refuses the gateway's own key: a server error, never the client's AuthenticationError.
    with pytest.raises(anthropic.InternalServerError) as info:
        client.messages.create(model="badkey-sim", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    assert info.value.status_code in (502, 503)
    assert "Incorrect API key" not in info.value.response.text
    # limited-backup has no fallback of its own; claude-sim must not be left cooling for the tests after this one.
    set_faults(secondary, error_rates={"429": 1.0}, retry_after=3)
    with pytest.raises(anthropic.RateLimitError) as info:
        client.messages.create(model="limited-backup", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    assert info.value.response.headers.get("retry-after")


def test_stream_cut_after_first_byte_raises(client, secondary):
    set_faults(secondary, cut_rate=1.0)
    with pytest.raises(anthropic.APIError):
        with client.messages.stream(model="claude-sim", max_tokens=200, messages=[{"role": "user", "content": "Long story"}]) as stream:
            for _ in stream.text_stream:
                pass

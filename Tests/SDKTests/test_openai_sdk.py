"""The official openai SDK against Switchyard: it must not notice it is not talking to OpenAI."""
import json

import httpx
import openai
import pytest
from conftest import _env, auth, set_faults

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


@pytest.fixture
def client(gateway: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway}/v1", api_key=_env("SWITCHYARD_KEY"), max_retries=0)


def test_chat_completion(client):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-sim", messages=[{"role": "user", "content": "Say hello"}], max_tokens=40
    )
    completion = raw.parse()
    assert raw.headers.get("x-request-id")
    assert completion.object == "chat.completion"
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].message.content
    assert completion.choices[0].finish_reason in ("stop", "length")
    assert completion.usage.prompt_tokens > 0
    assert completion.usage.completion_tokens > 0
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens


def test_client_request_id_is_kept(client):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-sim", messages=[{"role": "user", "content": "hi"}], extra_headers={"x-request-id": "req-from-client-1"}
    )
    assert raw.headers.get("x-request-id") == "req-from-client-1"


def test_stream_with_usage(client):
    stream = client.chat.completions.create(
        model="gpt-sim",
        messages=[{"role": "user", "content": "Tell me a story"}],
        stream=True,
        stream_options={"include_usage": True},
        max_tokens=60,
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes in (["stop"], ["length"])


def test_tool_call_json_and_stream(client):
    messages = [{"role": "user", "content": "What is the weather in Paris?"}]
    completion = client.chat.completions.create(model="gpt-sim", messages=messages, tools=[WEATHER_TOOL])
    call = completion.choices[0].message.tool_calls[0]
    assert completion.choices[0].finish_reason == "tool_calls"
    assert call.function.name == "get_weather"
    assert "city" in json.loads(call.function.arguments)

    stream = client.chat.completions.create(model="gpt-sim", messages=messages, tools=[WEATHER_TOOL], stream=True)
    name, args = None, ""
    for chunk in stream:
        for tc in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
            name = tc.function.name or name
            args += tc.function.arguments or ""
    assert name == "get_weather"
    assert "city" in json.loads(args)

    # The tool result goes back and the model answers with text.
    follow = client.chat.completions.create(
        model="gpt-sim",
        tools=[WEATHER_TOOL],
        messages=messages
        + [
            {"role": "assistant", "content": None, "tool_calls": [call.model_dump()]},
            {"role": "tool", "tool_call_id": call.id, "content": '{"temp_c": 21}'},
        ],
    )
    assert follow.choices[0].message.content


def test_served_by_an_anthropic_deployment(client):
    """An OpenAI-shaped request answered by an Anthropic-wire upstream, JSON and streamed."""
    completion = client.chat.completions.create(
        model="claude-sim",
        messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}],
        max_tokens=30,
        stop=["\n\n"],
    )
    assert completion.choices[0].message.content
    assert completion.usage.prompt_tokens > 0
    stream = client.chat.completions.create(
        model="claude-sim", messages=[{"role": "user", "content": "hi"}], stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert chunks[-1].usage is not None


def test_embeddings_and_models(client):
    result = client.embeddings.create(model="embed-sim", input=["one", "two"])
    assert [d.index for d in result.data] == [0, 1]
    assert len(result.data[0].embedding) > 0
    assert result.usage.prompt_tokens > 0
    ids = {m.id for m in client.models.list()}
    assert ids == {
        "gpt-sim", "claude-sim", "embed-sim", "azure-sim", "azure-embed", "gemini-sim", "openai-sim", "fallback-sim",
        "limited-sim", "limited-backup", "broken-sim", "broken-backup", "cut-sim", "badkey-sim", "badkey-fallback",
        "bedrock-sim", "bedrock-arn", "bedrock-session", "bedrock-badsecret", "bedrock-missing", "bedrock-interrupted",
    }
    model = client.models.retrieve("gpt-sim")
    assert model.id == "gpt-sim" and model.object == "model" and model.owned_by == "switchyard"
    with pytest.raises(openai.NotFoundError) as refused:
        client.models.retrieve("gpt-5")
    assert refused.value.code == "model_not_found"


def test_unknown_model_lists_the_available_ones(client):
    with pytest.raises(openai.NotFoundError) as info:
        client.chat.completions.create(model="gpt-nope", messages=[{"role": "user", "content": "hi"}])
    message = str(info.value)
    assert "gpt-nope" in message and "gpt-sim" in message and "claude-sim" in message


def test_malformed_and_oversized_requests(gateway):
    r = httpx.post(f"{gateway}/v1/chat/completions", content=b'{"model": "gpt-sim", "messages": [', headers={"content-type": "application/json", **auth()})
    assert r.status_code == 400
    error = r.json()["error"]
    assert set(error) >= {"message", "type", "param", "code"} and error["type"] == "invalid_request_error"
    assert r.headers.get("x-request-id")

    r = httpx.post(f"{gateway}/v1/chat/completions", json={"model": "gpt-sim"}, headers=auth())
    assert r.status_code == 400 and "messages" in r.json()["error"]["message"]

    big = {"model": "gpt-sim", "messages": [{"role": "user", "content": "x" * 200_000}]}
    r = httpx.post(f"{gateway}/v1/chat/completions", json=big, headers=auth())
    assert r.status_code == 413
    assert r.json()["error"]["type"] == "invalid_request_error"


def test_rate_limited_primary_falls_back(client, primary):
    set_faults(primary, error_rates={"429": 1.0}, retry_after=30)
    raw = client.chat.completions.with_raw_response.create(model="fallback-sim", messages=[{"role": "user", "content": "hi"}])
    assert raw.parse().choices[0].message.content
    assert raw.headers.get("x-switchyard-deployment") == "claude-sim/secondary"


def test_everything_rate_limited_is_a_429_with_retry_after(client, primary, secondary):
    set_faults(primary, error_rates={"429": 1.0}, retry_after=7)
    set_faults(secondary, error_rates={"429": 1.0}, retry_after=9)
    with pytest.raises(openai.RateLimitError) as info:
        client.chat.completions.create(model="limited-sim", messages=[{"role": "user", "content": "hi"}])
    assert int(info.value.response.headers.get("retry-after")) >= 1  # the soonest any deployment of the chain frees up
    assert info.value.response.headers.get("x-request-id")


def test_sdk_exception_classes(client, primary):
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model="gpt-sim", messages=[])



def test_an_upstream_refusing_the_gateways_key_is_the_gateways_5xx_not_the_clients_401(client):
    # The client's key is fine: its SDK must not raise AuthenticationError and blame it. The first call finds
    # the key refused (502); the deployment's breaker is then open (503). Neither says anything of the upstream's.
    for _ in range(2):
        with pytest.raises(openai.InternalServerError) as info:
            client.chat.completions.create(model="badkey-sim", messages=[{"role": "user", "content": "hi"}])
        assert info.value.status_code in (502, 503)
        assert "www-authenticate" not in info.value.response.headers
        for leak in ("sk-", "Incorrect API key", "0123456789"):
            assert leak not in info.value.response.text
    # With a fallback, the client never notices.
    completion = client.chat.completions.create(model="badkey-fallback", messages=[{"role": "user", "content": "hi"}])
    assert completion.choices[0].message.content


def test_upstream_5xx_everywhere_is_a_502(client, primary, secondary):
    set_faults(primary, error_rates={"503": 1.0})
    set_faults(secondary, error_rates={"500": 1.0})
    with pytest.raises(openai.InternalServerError) as info:
        client.chat.completions.create(model="broken-sim", messages=[{"role": "user", "content": "hi"}])
    assert info.value.status_code == 502
    assert info.value.response.headers.get("x-switchyard-attempts") == "4"  # a retry on each, both groups


def test_stream_cut_after_first_byte_ends_with_an_error(client, primary):
    set_faults(primary, cut_rate=1.0)
    stream = client.chat.completions.create(
        model="cut-sim", messages=[{"role": "user", "content": "Tell me a long story"}], stream=True, max_tokens=200
    )
    with pytest.raises(openai.APIError):
        for _ in stream:
            pass


@pytest.mark.parametrize("model", ["gpt-sim", "claude-sim"])
def test_legacy_completions(client, model):
    completion = client.completions.create(model=model, prompt="Say hello", max_tokens=20)
    assert completion.object == "text_completion"
    assert completion.choices[0].text
    assert completion.choices[0].finish_reason in ("stop", "length")
    assert completion.usage.completion_tokens > 0
    chunks = list(client.completions.create(
        model=model, prompt="Tell me a story", max_tokens=30, stream=True, stream_options={"include_usage": True}
    ))
    assert "".join(c.choices[0].text for c in chunks if c.choices)
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0

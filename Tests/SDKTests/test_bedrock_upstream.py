"""The official openai and anthropic SDKs through the gateway to a Bedrock upstream (provider kind bedrock): the
gateway calls /model/{modelId}/converse[-stream] signed with SigV4, and bedrock_upstream.py refuses any call whose
signature differs from the one botocore computes for it."""
import json

import httpx
import openai
import pytest
from conftest import _env

from test_openai_sdk import client  # noqa: F401  (the same keyed client fixture)

WEATHER = {"type": "function", "function": {"name": "weather", "parameters": {
    "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}


def received() -> list:
    return httpx.get(_env("SWITCHYARD_BEDROCK") + "/_test/requests", timeout=5).json()


def last_call(path_part: str) -> dict:
    calls = [r for r in received() if path_part in r["path"]]
    assert calls, f"no call to {path_part} reached the upstream"
    return calls[-1]


def test_chat_completion_signed_with_colon_model_id(client):
    raw = client.chat.completions.with_raw_response.create(
        model="bedrock-sim", messages=[{"role": "system", "content": "Be brief."},
                                       {"role": "user", "content": "Say hello"}], max_tokens=40)
    completion = raw.parse()
    assert raw.headers["x-switchyard-deployment"] == "bedrock-sim/bedrock"
    assert completion.choices[0].message.content.startswith("Hello from Bedrock: Say hello")
    assert completion.choices[0].finish_reason == "stop"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (11, 7)
    call = last_call("v1%3A0/converse")
    assert call["path"] == "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"
    assert call["signed"] and call["region"] == "us-west-2" and not call["session_token"]


def test_stream(client):
    chunks = list(client.chat.completions.create(
        model="bedrock-sim", messages=[{"role": "user", "content": "Tell me a story"}], stream=True, max_tokens=30,
        stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Hello from Bedrock: Tell me a story"
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["stop"]
    assert chunks[-1].usage.completion_tokens == 7
    assert last_call("/converse-stream")["signed"]


def test_tool_call_round_trip(client):
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    first = client.chat.completions.create(model="bedrock-sim", messages=messages, tools=[WEATHER])
    assert first.choices[0].finish_reason == "tool_calls"
    call = first.choices[0].message.tool_calls[0]
    assert call.function.name == "weather" and json.loads(call.function.arguments) == {"city": "Paris"}
    messages += [first.choices[0].message.model_dump(exclude_none=True),
                 {"role": "tool", "tool_call_id": call.id, "content": "sunny, 21 C"}]
    second = client.chat.completions.create(model="bedrock-sim", messages=messages, tools=[WEATHER])
    assert second.choices[0].message.content == "The tool said: sunny, 21 C"


def test_streamed_tool_call(client):
    chunks = list(client.chat.completions.create(
        model="bedrock-sim", messages=[{"role": "user", "content": "Weather in Paris?"}], tools=[WEATHER],
        stream=True))
    arguments = "".join(tc.function.arguments or "" for c in chunks if c.choices
                        for tc in (c.choices[0].delta.tool_calls or []))
    assert json.loads(arguments) == {"city": "Paris"}


def test_anthropic_messages_and_stream(claude):
    message = claude.messages.create(model="bedrock-sim", max_tokens=50,
                                     messages=[{"role": "user", "content": "Say hello"}])
    assert message.content[0].text.startswith("Hello from Bedrock")
    assert message.stop_reason == "end_turn" and message.usage.output_tokens == 7
    with claude.messages.stream(model="bedrock-sim", max_tokens=50,
                                messages=[{"role": "user", "content": "Say hello"}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "Hello from Bedrock: Say hello"
    assert final.usage.output_tokens == 7


def test_responses(client):
    response = client.responses.create(model="bedrock-sim", input="Say hello", max_output_tokens=30)
    assert response.output_text.startswith("Hello from Bedrock")


def test_arn_model_id(client):
    completion = client.chat.completions.create(
        model="bedrock-arn", messages=[{"role": "user", "content": "Say hello"}])
    assert completion.choices[0].message.content
    call = last_call("inference-profile")
    assert call["path"].startswith("/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Ainference-profile%2F")
    assert call["signed"]


def test_session_token(client):
    completion = client.chat.completions.create(
        model="bedrock-session", messages=[{"role": "user", "content": "Say hello"}])
    assert completion.choices[0].message.content
    call = last_call("amazon.nova-lite-v1%3A0")
    assert call["session_token"] and call["signed"] and call["region"] == "eu-central-1"


def test_wrong_secret_is_refused_upstream(client):
    with pytest.raises(openai.APIStatusError) as refused:
        client.chat.completions.create(model="bedrock-badsecret", messages=[{"role": "user", "content": "Hi"}])
    assert refused.value.status_code == 502
    assert "credential" in refused.value.message.lower()
    assert not last_call("badsecret")["signed"]


def test_missing_model_is_the_clients_error(client):
    with pytest.raises(openai.NotFoundError) as missing:
        client.chat.completions.create(model="bedrock-missing", messages=[{"role": "user", "content": "Hi"}])
    assert "does not exist" in missing.value.message


def test_exception_mid_stream_fails_the_stream(client):
    stream = client.chat.completions.create(
        model="bedrock-interrupted", messages=[{"role": "user", "content": "Tell me a story"}], stream=True)
    text = ""
    with pytest.raises(openai.APIError) as failed:
        for chunk in stream:
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
    assert text == "Hello from Bedrock: Tell me a story"
    assert "modelStreamErrorException" in str(failed.value)

"""The official openai SDK's Responses API against Switchyard, served by an OpenAI-compatible and an Anthropic
deployment alike (the gateway serves it as a chat completion)."""
import json

import openai
import pytest
from conftest import _env, set_faults
from pydantic import BaseModel

WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "strict": True,
}

CITY_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "population": {"type": "integer"}},
    "required": ["name", "population"],
    "additionalProperties": False,
}

BOTH = pytest.mark.parametrize("model", ["gpt-sim", "claude-sim"])


class City(BaseModel):
    name: str
    population: int


@pytest.fixture
def client(gateway: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway}/v1", api_key=_env("SWITCHYARD_KEY"), max_retries=0)


@BOTH
def test_create(client, model):
    raw = client.responses.with_raw_response.create(
        model=model, instructions="Be brief.", input="Say hello", max_output_tokens=60
    )
    response = raw.parse()
    assert raw.headers.get("x-request-id")
    assert response.id.startswith("resp_")
    assert response.object == "response"
    assert response.status in ("completed", "incomplete")
    assert response.output_text
    assert response.output[0].type == "message"
    assert response.output[0].content[0].type == "output_text"
    assert response.instructions == "Be brief."
    usage = response.usage
    assert usage.input_tokens > 0 and usage.output_tokens > 0
    assert usage.total_tokens == usage.input_tokens + usage.output_tokens
    assert usage.input_tokens_details.cached_tokens >= 0
    assert usage.output_tokens_details.reasoning_tokens >= 0


@BOTH
def test_create_from_items(client, model):
    response = client.responses.create(
        model=model,
        input=[
            {"role": "developer", "content": "Answer in one line."},
            {"role": "user", "content": [{"type": "input_text", "text": "Hi"}]},
            {"role": "assistant", "content": [{"type": "output_text", "text": "Hello!"}]},
            {"role": "user", "content": "How are you?"},
        ],
        store=True,
        metadata={"run": "sdk"},
    )
    assert response.output_text
    assert response.metadata == {"run": "sdk"}


@BOTH
def test_stream_events(client, model):
    stream = client.responses.create(model=model, input="Tell me a story", stream=True)
    events = list(stream)
    types = [e.type for e in events]
    assert types[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert types[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert text
    done = next(e for e in events if e.type == "response.output_text.done")
    assert done.text == text
    completed = events[-1].response
    assert completed.status == "completed"
    assert completed.output_text == text
    assert completed.usage.output_tokens > 0


@BOTH
def test_stream_manager(client, model):
    with client.responses.stream(model=model, input="Tell me a story") as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert deltas
    assert final.output_text == "".join(deltas)
    assert final.usage.total_tokens > 0


@BOTH
def test_function_tools(client, model):
    question = {"role": "user", "content": "What is the weather in Paris?"}
    first = client.responses.create(model=model, input=[question], tools=[WEATHER_TOOL])
    calls = [item for item in first.output if item.type == "function_call"]
    assert calls, first.output
    call = calls[0]
    assert call.name == "get_weather"
    assert "city" in json.loads(call.arguments)
    assert call.call_id

    second = client.responses.create(
        model=model,
        tools=[WEATHER_TOOL],
        input=[
            question,
            {"type": "function_call", "call_id": call.call_id, "name": call.name, "arguments": call.arguments},
            {"type": "function_call_output", "call_id": call.call_id, "output": "18C and sunny"},
        ],
    )
    assert second.output_text
    assert all(item.type == "message" for item in second.output)


@BOTH
def test_function_tools_streamed(client, model):
    with client.responses.stream(
        model=model, input="What is the weather in Paris?", tools=[WEATHER_TOOL], tool_choice="required"
    ) as stream:
        events = list(stream)
        final = stream.get_final_response()
    assert any(e.type == "response.function_call_arguments.delta" for e in events)
    done = next(e for e in events if e.type == "response.function_call_arguments.done")
    call = next(item for item in final.output if item.type == "function_call")
    assert call.name == done.name == "get_weather"
    assert call.arguments == done.arguments
    assert call.parsed_arguments == json.loads(call.arguments)


def test_structured_output(client):
    response = client.responses.create(
        model="gpt-sim",
        input="A city, please",
        text={"format": {"type": "json_schema", "name": "city", "schema": CITY_SCHEMA, "strict": True}},
    )
    city = json.loads(response.output_text)
    assert set(CITY_SCHEMA["required"]) <= set(city)


def test_parse_with_a_pydantic_model(client):
    response = client.responses.parse(model="gpt-sim", input="A city, please", text_format=City)
    assert isinstance(response.output_parsed, City)


def test_max_output_tokens_is_incomplete(client):
    response = client.responses.create(model="gpt-sim", input="Tell me a long story", max_output_tokens=3)
    assert response.status == "incomplete"
    assert response.incomplete_details.reason == "max_output_tokens"


@BOTH
def test_previous_response_id_continues_a_stored_response(client, gateway, model):
    first = client.responses.create(model=model, input="My name is Ada. Remember it.")
    assert first.store is True
    second = client.responses.create(model=model, input="What is my name?", previous_response_id=first.id)
    assert second.status in ("completed", "incomplete")
    assert second.previous_response_id == first.id
    with client.responses.stream(model=model, input="Say it once more", previous_response_id=second.id) as stream:
        third = stream.get_final_response()
    assert third.previous_response_id == second.id
    assert third.store is True

    kept = client.responses.retrieve(first.id)
    assert kept.id == first.id
    assert kept.output_text == first.output_text

    other = openai.OpenAI(base_url=f"{gateway}/v1", api_key=_env("SWITCHYARD_KEY_OTHER"), max_retries=0)
    with pytest.raises(openai.BadRequestError) as info:
        other.responses.create(model=model, input="hi", previous_response_id=first.id)
    assert info.value.code == "previous_response_not_found"
    assert info.value.param == "previous_response_id"
    with pytest.raises(openai.NotFoundError):
        other.responses.retrieve(first.id)

    client.responses.delete(first.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(first.id)
    with pytest.raises(openai.BadRequestError):
        client.responses.create(model=model, input="hi", previous_response_id=first.id)


def test_store_false_is_not_kept(client):
    response = client.responses.create(model="gpt-sim", input="Forget this", store=False)
    assert response.store is False
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(response.id)


def test_refusals_are_bad_requests(client):
    with pytest.raises(openai.BadRequestError) as info:
        client.responses.create(model="gpt-sim", input="hi", previous_response_id="resp_123")
    assert info.value.code == "previous_response_not_found"
    assert info.value.param == "previous_response_id"
    with pytest.raises(openai.BadRequestError) as info:
        client.responses.create(model="gpt-sim", input="hi", tools=[{"type": "web_search"}])
    assert "web_search" in info.value.message
    with pytest.raises(openai.NotFoundError):
        client.responses.create(model="gpt-nope", input="hi")


def test_stream_cut_after_first_byte_ends_with_response_failed(client, primary):
    set_faults(primary, cut_rate=1.0)
    stream = client.responses.create(model="cut-sim", input="Tell me a long story", stream=True, max_output_tokens=200)
    events = list(stream)
    assert events[-1].type == "response.failed"
    assert events[-1].response.status == "failed"
    assert events[-1].response.error.message
    assert "response.completed" not in [e.type for e in events]

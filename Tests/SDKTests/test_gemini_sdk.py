"""Google's official google-genai SDK against Switchyard: generate_content, generate_content_stream, function
calling and structured output served by an OpenAI-compatible, an Anthropic and a Gemini deployment alike (the
gateway serves Google's API as a chat completion); and the openai and anthropic SDKs against a Gemini upstream
(provider kind gemini), which the gateway calls at /v1beta/models/{model}:generateContent with x-goog-api-key."""
import json

import pytest
from conftest import _env
from google import genai
from google.genai import errors, types
from pydantic import BaseModel

ALL = pytest.mark.parametrize("model", ["gpt-sim", "claude-sim", "gemini-sim"])

WEATHER = types.FunctionDeclaration(
    name="get_weather",
    description="Current weather for a city",
    parameters=types.Schema(
        type=types.Type.OBJECT,
        properties={"city": types.Schema(type=types.Type.STRING)},
        required=["city"],
    ),
)


class City(BaseModel):
    name: str
    population: int


def google(gateway: str, key: str, api_version: str | None = None) -> genai.Client:
    options = types.HttpOptions(base_url=gateway)
    if api_version:
        options.api_version = api_version
    return genai.Client(api_key=key, http_options=options)


@pytest.fixture
def client(gateway: str) -> genai.Client:
    return google(gateway, _env("SWITCHYARD_KEY"))


@ALL
def test_generate_content(client, model):
    response = client.models.generate_content(
        model=model,
        contents="Say hello",
        config=types.GenerateContentConfig(system_instruction="Be brief.", max_output_tokens=60, temperature=0.5),
    )
    assert response.text
    candidate = response.candidates[0]
    assert candidate.content.role == "model"
    assert candidate.finish_reason in (types.FinishReason.STOP, types.FinishReason.MAX_TOKENS)
    usage = response.usage_metadata
    assert usage.prompt_token_count > 0 and usage.candidates_token_count > 0
    assert usage.total_token_count == usage.prompt_token_count + usage.candidates_token_count
    assert response.model_version
    assert response.response_id
    headers = {name.lower(): value for name, value in response.sdk_http_response.headers.items()}
    assert headers["x-switchyard-deployment"].startswith(model + "/")


@ALL
def test_generate_content_on_v1beta(gateway, model):
    """The API version older releases (and Google's REST docs) use."""
    client = google(gateway, _env("SWITCHYARD_KEY"), api_version="v1beta")
    response = client.models.generate_content(model=model, contents="Say hello")
    assert response.text


@ALL
def test_multi_turn_chat(client, model):
    chat = client.chats.create(model=model)
    first = chat.send_message("Hi, I am Ada.")
    assert first.text
    second = chat.send_message("What is my name?")
    assert second.text
    assert len(chat.get_history()) == 4


@ALL
def test_generate_content_stream(client, model):
    chunks = list(client.models.generate_content_stream(model=model, contents="Tell me a story"))
    assert len(chunks) >= 2
    text = "".join(chunk.text or "" for chunk in chunks)
    assert text.strip()
    last = chunks[-1]
    assert last.candidates[0].finish_reason in (types.FinishReason.STOP, types.FinishReason.MAX_TOKENS)
    assert last.usage_metadata.prompt_token_count > 0
    assert last.usage_metadata.candidates_token_count > 0


@ALL
def test_function_calling(client, model):
    config = types.GenerateContentConfig(tools=[types.Tool(function_declarations=[WEATHER])])
    question = types.Content(role="user", parts=[types.Part.from_text(text="What is the weather in Paris?")])
    response = client.models.generate_content(model=model, contents=[question], config=config)
    calls = response.function_calls
    assert calls and calls[0].name == "get_weather"
    assert calls[0].args["city"]

    answer = types.Part.from_function_response(name="get_weather", response={"output": "18C and sunny"})
    followup = client.models.generate_content(
        model=model,
        contents=[question, response.candidates[0].content, types.Content(role="user", parts=[answer])],
        config=config,
    )
    assert followup.text
    assert not followup.function_calls


@ALL
def test_function_calling_forced_and_streamed(client, model):
    config = types.GenerateContentConfig(
        tools=[types.Tool(function_declarations=[WEATHER])],
        tool_config=types.ToolConfig(
            function_calling_config=types.FunctionCallingConfig(
                mode=types.FunctionCallingConfigMode.ANY, allowed_function_names=["get_weather"]
            )
        ),
    )
    chunks = list(client.models.generate_content_stream(model=model, contents="Weather in Rome?", config=config))
    calls = [call for chunk in chunks for call in (chunk.function_calls or [])]
    assert [call.name for call in calls] == ["get_weather"]
    assert calls[0].args["city"]


@pytest.mark.parametrize("model", ["gpt-sim", "gemini-sim"])
def test_structured_output(client, model):
    response = client.models.generate_content(
        model=model,
        contents="Describe a large city.",
        config=types.GenerateContentConfig(response_mime_type="application/json", response_schema=City),
    )
    city = response.parsed
    assert isinstance(city, City)
    assert city.name and city.population


def test_a_bad_key_is_refused(gateway):
    client = google(gateway, "sk-sy-not-a-key")
    with pytest.raises(errors.APIError) as raised:
        client.models.generate_content(model="gpt-sim", contents="hi")
    assert raised.value.code in (401, 403)
    assert raised.value.status in ("UNAUTHENTICATED", "PERMISSION_DENIED")


def test_an_unknown_model_is_not_found(client):
    with pytest.raises(errors.ClientError) as raised:
        client.models.generate_content(model="no-such-model", contents="hi")
    assert raised.value.code == 404
    assert raised.value.status == "NOT_FOUND"
    assert "no-such-model" in raised.value.message


def test_a_key_without_permission_is_denied(gateway):
    client = google(gateway, _env("SWITCHYARD_KEY_LIMITED"))
    with pytest.raises(errors.ClientError) as raised:
        client.models.generate_content(model="gemini-sim", contents="hi")
    assert raised.value.code == 403
    assert raised.value.status == "PERMISSION_DENIED"


def test_an_exhausted_budget_is_resource_exhausted(gateway):
    client = google(gateway, _env("SWITCHYARD_KEY_BROKE"))
    with pytest.raises(errors.ClientError) as raised:
        client.models.generate_content(
            model="gpt-sim", contents="hi", config=types.GenerateContentConfig(max_output_tokens=4000)
        )
    assert raised.value.code == 429
    assert raised.value.status == "RESOURCE_EXHAUSTED"


def test_models_are_listed(client):
    names = [model.name for model in client.models.list()]
    assert "models/gemini-sim" in names and "models/gpt-sim" in names
    model = client.models.get(model="gemini-sim")
    assert model.name == "models/gemini-sim"
    assert "generateContent" in model.supported_actions


# The openai and anthropic SDKs against a Gemini upstream.


def test_openai_chat_on_gemini(oai):
    raw = oai.chat.completions.with_raw_response.create(
        model="gemini-sim", messages=[{"role": "user", "content": "Say hello"}], max_tokens=40
    )
    completion = raw.parse()
    assert raw.headers["x-switchyard-deployment"] == "gemini-sim/google"
    assert completion.choices[0].message.content
    assert completion.model == "gemini-2.0-flash"
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens


def test_openai_stream_on_gemini(oai):
    chunks = list(
        oai.chat.completions.create(
            model="gemini-sim",
            messages=[{"role": "user", "content": "Tell me a story"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert chunks[-1].usage.completion_tokens > 0


def test_openai_tools_on_gemini(oai):
    tools = [{"type": "function", "function": {"name": "weather", "parameters": {
        "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    completion = oai.chat.completions.create(model="gemini-sim", messages=messages, tools=tools)
    assert completion.choices[0].finish_reason == "tool_calls"
    call = completion.choices[0].message.tool_calls[0]
    assert call.function.name == "weather"
    assert "city" in json.loads(call.function.arguments)

    messages += [completion.choices[0].message, {"role": "tool", "tool_call_id": call.id, "content": "18C"}]
    followup = oai.chat.completions.create(model="gemini-sim", messages=messages, tools=tools)
    assert followup.choices[0].message.content


def test_openai_responses_on_gemini(oai):
    response = oai.responses.create(model="gemini-sim", input="Say hello", max_output_tokens=30)
    assert response.output_text
    assert response.usage.output_tokens > 0


def test_anthropic_messages_on_gemini(claude):
    message = claude.messages.create(
        model="gemini-sim", max_tokens=60, messages=[{"role": "user", "content": "Say hello"}]
    )
    assert message.content[0].type == "text" and message.content[0].text
    assert message.usage.input_tokens > 0 and message.usage.output_tokens > 0


def test_anthropic_stream_on_gemini(claude):
    with claude.messages.stream(
        model="gemini-sim", max_tokens=60, messages=[{"role": "user", "content": "Tell me a story"}]
    ) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text
    assert final.stop_reason in ("end_turn", "max_tokens")
    assert final.usage.output_tokens > 0

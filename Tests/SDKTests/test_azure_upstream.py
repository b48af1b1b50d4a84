"""The official openai SDK through the gateway to an Azure OpenAI upstream (provider kind azure-openai): the
gateway calls /openai/deployments/{deployment}/...?api-version=... with an api-key header; the client sees OpenAI."""
import json

from test_openai_sdk import client  # noqa: F401  (the same keyed client fixture)


def test_chat_completion(client):
    raw = client.chat.completions.with_raw_response.create(
        model="azure-sim", messages=[{"role": "user", "content": "Say hello"}], max_tokens=40
    )
    completion = raw.parse()
    assert raw.headers["x-switchyard-deployment"] == "azure-sim/azure"
    assert completion.choices[0].message.content
    assert completion.usage.total_tokens > 0


def test_stream(client):
    chunks = list(
        client.chat.completions.create(
            model="azure-sim", messages=[{"role": "user", "content": "Tell me a story"}], stream=True, max_tokens=30
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def test_tools(client):
    completion = client.chat.completions.create(
        model="azure-sim",
        messages=[{"role": "user", "content": "Weather in Paris?"}],
        tools=[{"type": "function", "function": {"name": "weather", "parameters": {
            "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
    )
    call = completion.choices[0].message.tool_calls[0]
    assert call.function.name == "weather"
    assert "city" in json.loads(call.function.arguments)


def test_embeddings(client):
    embedding = client.embeddings.create(model="azure-embed", input="hello")
    assert len(embedding.data[0].embedding) > 0


def test_responses(client):
    response = client.responses.create(model="azure-sim", input="Say hello", max_output_tokens=30)
    assert response.output_text

"""Virtual keys, permissions, rate limits and budgets as the official SDKs see them.

The Swift side creates the keys with `switchyard ctl keys create` and passes their secrets in the environment:
SWITCHYARD_KEY (no limits), SWITCHYARD_KEY_LIMITED (gpt-sim only, 2 requests per minute), SWITCHYARD_KEY_BROKE
(a total budget far below one request's cost) and SWITCHYARD_KEY_REVOKED (revoked right after creation).
"""
import anthropic
import openai
import pytest

from conftest import _env

PROMPT = [{"role": "user", "content": "hello"}]


def openai_client(gateway: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway}/v1", api_key=key, max_retries=0)


def test_valid_key_is_served_and_attributed(gateway: str):
    client = openai_client(gateway, _env("SWITCHYARD_KEY"))
    raw = client.chat.completions.with_raw_response.create(model="gpt-sim", messages=PROMPT, max_tokens=16)
    completion = raw.parse()
    assert completion.choices[0].message.content
    assert float(raw.headers["x-switchyard-cost"]) > 0


def test_missing_and_unknown_keys_are_401(gateway: str):
    with pytest.raises(openai.AuthenticationError) as unknown:
        openai_client(gateway, "sk-sy-" + "x" * 43).chat.completions.create(model="gpt-sim", messages=PROMPT)
    assert unknown.value.status_code == 401
    assert unknown.value.code == "invalid_api_key"
    assert "x" * 43 not in str(unknown.value)
    with pytest.raises(anthropic.AuthenticationError):
        anthropic.Anthropic(base_url=gateway, api_key="not-a-key", max_retries=0).messages.create(
            model="claude-sim", max_tokens=16, messages=PROMPT)


def test_revoked_key_says_so(gateway: str):
    with pytest.raises(openai.AuthenticationError) as revoked:
        openai_client(gateway, _env("SWITCHYARD_KEY_REVOKED")).chat.completions.create(model="gpt-sim", messages=PROMPT)
    assert revoked.value.code == "key_revoked"
    assert "revoked" in revoked.value.message


def test_anthropic_sdk_authenticates_with_x_api_key(gateway: str):
    client = anthropic.Anthropic(base_url=gateway, api_key=_env("SWITCHYARD_KEY"), max_retries=0)
    message = client.messages.create(model="claude-sim", max_tokens=16, messages=PROMPT)
    assert message.content[0].text


def test_model_not_allowed_is_403_naming_the_model(gateway: str):
    client = openai_client(gateway, _env("SWITCHYARD_KEY_LIMITED"))
    with pytest.raises(openai.PermissionDeniedError) as denied:
        client.chat.completions.create(model="claude-sim", messages=PROMPT, max_tokens=8)
    assert denied.value.code == "model_not_allowed"
    assert "claude-sim" in denied.value.message


def test_rate_limit_is_429_with_headers(gateway: str):
    client = openai_client(gateway, _env("SWITCHYARD_KEY_LIMITED"))
    served = 0
    with pytest.raises(openai.RateLimitError) as limited:
        for _ in range(5):
            client.chat.completions.create(model="gpt-sim", messages=PROMPT, max_tokens=8)
            served += 1
    assert served == 2
    headers = limited.value.response.headers
    assert limited.value.code == "rate_limit_exceeded"
    assert int(headers["retry-after"]) >= 1
    assert headers["x-ratelimit-limit-requests"] == "2"
    assert headers["x-ratelimit-remaining-requests"] == "0"


def test_a_budget_that_cannot_cover_the_request_names_the_budget(gateway: str):
    client = openai_client(gateway, _env("SWITCHYARD_KEY_BROKE"))
    # The $0.000001 budget cannot pay for even this request's worst case: refused before it runs, not overshot.
    with pytest.raises(openai.RateLimitError) as exhausted:
        client.chat.completions.create(model="gpt-sim", messages=PROMPT, max_tokens=8)
    assert exhausted.value.code == "budget_exceeded"
    assert exhausted.value.type == "insufficient_quota"
    assert "key broke" in exhausted.value.message
    assert "cannot cover this request" in exhausted.value.message
    with pytest.raises(anthropic.RateLimitError) as in_anthropic_format:
        anthropic.Anthropic(base_url=gateway, api_key=_env("SWITCHYARD_KEY_BROKE"), max_retries=0).messages.create(
            model="gpt-sim", max_tokens=8, messages=PROMPT)
    assert "budget" in str(in_anthropic_format.value)

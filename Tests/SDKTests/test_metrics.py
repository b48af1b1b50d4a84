"""The gateway's /metrics, read by the reference Prometheus text parser."""
import httpx
import openai
from conftest import _env
from prometheus_client.parser import text_string_to_metric_families


def test_metrics_parse_and_count_requests(gateway):
    client = openai.OpenAI(base_url=f"{gateway}/v1", api_key=_env("SWITCHYARD_KEY"), max_retries=0)
    for _ in range(3):
        client.chat.completions.create(model="gpt-sim", messages=[{"role": "user", "content": "hi"}], max_tokens=5)

    response = httpx.get(f"{gateway}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    families = {f.name: f for f in text_string_to_metric_families(response.text)}

    assert families["switchyard_requests"].type == "counter"
    ok = sum(s.value for s in families["switchyard_requests"].samples
             if s.labels.get("model") == "gpt-sim" and s.labels.get("code") == "200" and s.name.endswith("_total"))
    assert ok >= 3

    duration = families["switchyard_request_duration_seconds"]
    assert duration.type == "histogram"
    buckets = [s for s in duration.samples if s.name.endswith("_bucket") and s.labels.get("model") == "gpt-sim"]
    assert buckets and buckets[-1].labels["le"] == "+Inf"
    counts = [s.value for s in buckets]
    assert counts == sorted(counts)  # cumulative

    attempts = families["switchyard_upstream_attempts"]
    assert any(s.labels.get("deployment") == "gpt-sim/primary" and s.value >= 3 for s in attempts.samples)
    assert "switchyard_breaker_state" in families
    assert "switchyard_spend_usd" in families or "switchyard_spend_usd_total" in families

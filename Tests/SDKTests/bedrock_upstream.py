"""A Bedrock Runtime stand-in that checks every call's SigV4 signature with botocore.

Each request is rebuilt as a botocore AWSRequest and signed by botocore.auth.SigV4Auth with the same credentials,
region and the request's own X-Amz-Date; an Authorization header that differs is refused with 403 in AWS's error
shape. Signed calls are answered like Bedrock: Converse JSON, or ConverseStream as an event stream with real
framing and CRC-32s (each frame is read back with botocore's own event-stream decoder before it is sent).

Run: python bedrock_upstream.py  (prints "listening on http://127.0.0.1:PORT"). Credentials come from
BEDROCK_TEST_ACCESS_KEY_ID, BEDROCK_TEST_SECRET_ACCESS_KEY and BEDROCK_TEST_SESSION_TOKEN. GET /_test/requests
lists what was received (path, whether a session token was sent, whether the signature matched).
"""
import datetime
import json
import os
import struct
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock
from urllib.parse import unquote

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.eventstream import EventStreamBuffer

ACCESS_KEY_ID = os.environ.get("BEDROCK_TEST_ACCESS_KEY_ID", "AKIDBEDROCKTEST")
SECRET = os.environ.get("BEDROCK_TEST_SECRET_ACCESS_KEY", "bedrock-test-secret")
SESSION_TOKEN = os.environ.get("BEDROCK_TEST_SESSION_TOKEN", "bedrock-test-session-token")

_sign_lock = threading.Lock()
_received = []
_received_lock = threading.Lock()


def botocore_authorization(method, url, body, amz_date, region, with_token):
    """The Authorization header botocore writes for this request at amz_date."""
    credentials = Credentials(ACCESS_KEY_ID, SECRET, SESSION_TOKEN if with_token else None)
    request = AWSRequest(method=method, url=url, data=body)
    when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
    # SigV4Auth reads the clock itself; the request's own date is what it must sign with.
    with _sign_lock, mock.patch("botocore.auth.get_current_datetime", return_value=when):
        botocore.auth.SigV4Auth(credentials, "bedrock", region).add_auth(request)
    return request.headers["Authorization"]


def frame(headers, payload):
    """One event-stream message: prelude with its CRC, string headers, payload, message CRC."""
    encoded = b""
    for name, value in headers:
        raw_name, raw_value = name.encode(), value.encode()
        encoded += struct.pack(">B", len(raw_name)) + raw_name + struct.pack(">BH", 7, len(raw_value)) + raw_value
    total = 16 + len(encoded) + len(payload)
    prelude = struct.pack(">II", total, len(encoded))
    prelude += struct.pack(">I", zlib.crc32(prelude) & 0xFFFFFFFF)
    message = prelude + encoded + payload
    message += struct.pack(">I", zlib.crc32(message) & 0xFFFFFFFF)
    # The framing is checked by botocore's own decoder before anything is sent.
    check = EventStreamBuffer()
    check.add_data(message)
    decoded = next(check)
    assert decoded.payload == payload and decoded.headers[":message-type"] == dict(headers)[":message-type"]
    return message


def event(kind, body):
    payload = json.dumps(body).encode()
    return frame([(":event-type", kind), (":content-type", "application/json"), (":message-type", "event")], payload)


def last_user_text(request):
    for message in reversed(request.get("messages", [])):
        if message.get("role") == "user":
            return " ".join(b["text"] for b in message.get("content", []) if "text" in b)
    return ""


SAMPLE = {"string": "Paris", "integer": 2100000, "number": 2.5, "boolean": True, "array": [], "object": {}}


def input_for(schema):
    """An input filling the tool schema's required properties with values of their types (the city for a city)."""
    properties = schema.get("properties", {})
    return {name: SAMPLE.get(properties.get(name, {}).get("type"), "Paris") for name in schema.get("required", [])}


def answer_for(request):
    """Bedrock-shaped content: a tool call when tools are offered and none was answered yet, else text."""
    tools = request.get("toolConfig", {}).get("tools", [])
    last = request["messages"][-1]
    answered = any("toolResult" in b for b in last.get("content", []))
    if tools and not answered:
        spec = tools[0]["toolSpec"]
        arguments = input_for(spec.get("inputSchema", {}).get("json", {}))
        return [{"toolUse": {"toolUseId": "tooluse_bedrock_1", "name": spec["name"], "input": arguments}}], "tool_use"
    if answered:
        results = [c.get("text", "") for b in last["content"] if "toolResult" in b for c in b["toolResult"]["content"]]
        return [{"text": "The tool said: " + " ".join(results)}], "end_turn"
    return [{"text": "Hello from Bedrock: " + last_user_text(request)[:40]}], "end_turn"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, body, error_type=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        if error_type:
            self.send_header("x-amzn-ErrorType", error_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_test/requests":
            with _received_lock:
                self.send_json(200, list(_received))
        else:
            self.send_json(404, {"message": "not found"}, "ResourceNotFoundException")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        path = self.path
        authorization = self.headers.get("authorization", "")
        amz_date = self.headers.get("x-amz-date", "")
        token = self.headers.get("x-amz-security-token")
        region = authorization.split("Credential=")[-1].split("/")[2] if "Credential=" in authorization else ""
        expected = None
        if amz_date and region:
            url = "http://" + self.headers["host"] + path
            expected = botocore_authorization("POST", url, body, amz_date, region, token is not None)
        signed = expected is not None and expected == authorization and (token is None or token == SESSION_TOKEN)
        with _received_lock:
            _received.append({"path": path, "region": region, "session_token": token is not None, "signed": signed})
        if not signed:
            self.send_json(403, {"message": "The request signature we calculated does not match the signature you "
                                            "provided. Check your AWS Secret Access Key and signing method."},
                           "InvalidSignatureException")
            return
        parts = path.split("/")
        if len(parts) != 4 or parts[1] != "model" or parts[3] not in ("converse", "converse-stream"):
            self.send_json(404, {"message": "Unknown operation"}, "UnknownOperationException")
            return
        model = unquote(parts[2])
        request = json.loads(body)
        if model.startswith("missing"):
            self.send_json(404, {"message": f"The model {model} does not exist."}, "ResourceNotFoundException")
            return
        if model.startswith("throttled"):
            self.send_json(429, {"message": "Too many requests, please wait before trying again."},
                           "ThrottlingException")
            return
        content, stop = answer_for(request)
        usage = {"inputTokens": 11, "outputTokens": 7, "totalTokens": 18}
        if parts[3] == "converse":
            self.send_json(200, {"output": {"message": {"role": "assistant", "content": content}},
                                 "stopReason": stop, "usage": usage, "metrics": {"latencyMs": 12}})
            return
        self.send_response(200)
        self.send_header("content-type", "application/vnd.amazon.eventstream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        frames = [event("messageStart", {"role": "assistant"})]
        for index, block in enumerate(content):
            if "text" in block:
                words = block["text"].split(" ")
                for n, word in enumerate(words):
                    piece = word if n == 0 else " " + word
                    frames.append(event("contentBlockDelta", {"contentBlockIndex": index, "delta": {"text": piece}}))
            else:
                use = block["toolUse"]
                frames.append(event("contentBlockStart", {"contentBlockIndex": index, "start": {
                    "toolUse": {"toolUseId": use["toolUseId"], "name": use["name"]}}}))
                arguments = json.dumps(use["input"])
                half = len(arguments) // 2
                for piece in (arguments[:half], arguments[half:]):
                    frames.append(event("contentBlockDelta", {"contentBlockIndex": index,
                                                              "delta": {"toolUse": {"input": piece}}}))
            frames.append(event("contentBlockStop", {"contentBlockIndex": index}))
        if model.startswith("interrupted"):
            # Content, then the exception Bedrock sends when the model fails mid-answer.
            frames.append(frame([(":exception-type", "modelStreamErrorException"),
                                 (":content-type", "application/json"), (":message-type", "exception")],
                                json.dumps({"message": "The model stopped unexpectedly."}).encode()))
            self.write_chunked(b"".join(frames))
            return
        frames.append(event("messageStop", {"stopReason": stop}))
        frames.append(event("metadata", {"usage": usage, "metrics": {"latencyMs": 12}}))
        self.write_chunked(b"".join(frames))

    def write_chunked(self, data):
        """Written in odd-sized pieces, so frames arrive split across reads."""
        for start in range(0, len(data), 37):
            piece = data[start:start + 37]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())

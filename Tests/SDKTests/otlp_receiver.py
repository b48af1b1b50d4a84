"""A minimal OTLP/HTTP trace receiver for Switchyard's end-to-end tests.

Accepts `POST /v1/traces` in both encodings (`application/x-protobuf` and `application/json`), parses the body with
the reference `ExportTraceServiceRequest` from opentelemetry-proto, and appends one JSON line per span to the output
file: service, name, kind, trace id, trace state, attributes and the request's content type. A body that does not
parse is answered 400 and logged to stderr, so the test sees the failure.

Usage: otlp_receiver.py --port PORT --out FILE   (port 0 picks a free one; prints "listening on PORT")
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2


def any_value(value):
    kind = value.WhichOneof("value")
    return getattr(value, kind) if kind else None


def spans_of(request):
    for resource_spans in request.resource_spans:
        resource = {kv.key: any_value(kv.value) for kv in resource_spans.resource.attributes}
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                yield {
                    "service": resource.get("service.name"),
                    "scope": scope_spans.scope.name,
                    "name": span.name,
                    "kind": span.kind,
                    "traceId": span.trace_id.hex(),
                    "spanId": span.span_id.hex(),
                    "parentSpanId": span.parent_span_id.hex(),
                    "traceState": span.trace_state,
                    "status": span.status.code,
                    "start": span.start_time_unix_nano,
                    "end": span.end_time_unix_nano,
                    "attributes": {kv.key: any_value(kv.value) for kv in span.attributes},
                }


def make_handler(out_path):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            content_type = (self.headers.get("content-type") or "").split(";")[0].strip()
            request = trace_service_pb2.ExportTraceServiceRequest()
            try:
                if self.path != "/v1/traces":
                    raise ValueError(f"unexpected path {self.path}")
                if content_type == "application/json":
                    json_format.Parse(body, request)
                elif content_type == "application/x-protobuf":
                    request.ParseFromString(body)
                else:
                    raise ValueError(f"unexpected content-type {content_type!r}")
            except Exception as error:  # noqa: BLE001 - any parse failure is the test's finding
                print(f"rejected export: {error}", file=sys.stderr, flush=True)
                self.send_response(400)
                self.end_headers()
                return
            with open(out_path, "a", encoding="utf-8") as out:
                for span in spans_of(request):
                    span["contentType"] = content_type
                    span["token"] = self.headers.get("x-test-token")
                    out.write(json.dumps(span) + "\n")
            reply = trace_service_pb2.ExportTraceServiceResponse()
            payload = json_format.MessageToJson(reply).encode() if content_type == "application/json" \
                else reply.SerializeToString()
            self.send_response(200)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.out))
    print(f"listening on {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

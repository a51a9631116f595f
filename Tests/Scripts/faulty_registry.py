#!/usr/bin/env python3
"""A deliberately faulty registry (OCI distribution API subset) for the failure tests.

Serves the images of an OCI layout directory (--layout, as the fixture builder writes it; the
first manifest of index.json) on 127.0.0.1, for every repository name, behaving as the name says:
  good      serves everything correctly
  mismatch  serves each layer blob with its last byte changed (digest mismatch)
  short     announces each layer's full length but sends half of it, then closes
  notjson   answers the manifest request with bytes that are not JSON
  flaky     answers each layer's first request with 503, its second with half the blob and a dropped
            connection, then honours Range (206) for the rest
Appends "METHOD PATH RANGE" lines to --log. Writes its port to --port-file once it is ready.
"""
import argparse, json, os, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--layout", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    index = json.load(open(os.path.join(args.layout, "index.json")))
    manifest_digest = index["manifests"][0]["digest"]
    manifest_type = index["manifests"][0].get("mediaType", "application/vnd.oci.image.manifest.v1+json")

    def blob(digest):
        with open(os.path.join(args.layout, "blobs", *digest.split(":")), "rb") as f:
            return f.read()

    layers = {layer["digest"] for layer in json.loads(blob(manifest_digest))["layers"]}
    attempts = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def reply(self, status, body=b"", content_type="application/octet-stream", length=None, headers=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.send_header("Docker-Distribution-Api-Version", "registry/2.0")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self):
            with open(args.log, "a") as log:
                log.write("%s %s %s\n" % (self.command, self.path, self.headers.get("Range", "-")))
            parts = self.path.split("/")
            if self.path in ("/v2/", "/v2"):
                return self.reply(200, b"{}", "application/json")
            if len(parts) < 5 or parts[1] != "v2":
                return self.reply(404)
            mode, kind, ref = parts[2], parts[-2], parts[-1]
            if kind == "manifests":
                if mode == "notjson":
                    return self.reply(200, b"<html>not a manifest", manifest_type)
                if ref != manifest_digest and ":" in ref:
                    return self.reply(404)
                return self.reply(200, blob(manifest_digest), manifest_type, headers=[("Docker-Content-Digest", manifest_digest)])
            if kind != "blobs":
                return self.reply(404)
            try:
                data = blob(ref)
            except OSError:
                return self.reply(404)
            if ref not in layers or mode == "good":
                return self.reply(200, data)
            if mode == "mismatch":
                return self.reply(200, data[:-1] + bytes([data[-1] ^ 0xFF]))
            if mode == "short":
                self.reply(200, data[: len(data) // 2], length=len(data))
                self.close_connection = True
                return
            if mode == "flaky":
                with lock:
                    attempts[ref] = attempts.get(ref, 0) + 1
                    attempt = attempts[ref]
                if attempt == 1:
                    return self.reply(503, b"busy")
                range_header = self.headers.get("Range")
                if range_header and range_header.startswith("bytes="):
                    start = int(range_header[6:].split("-")[0])
                    rest = data[start:]
                    return self.reply(206, rest, headers=[("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))])
                self.reply(200, data[: len(data) // 2], length=len(data), headers=[("Accept-Ranges", "bytes")])
                self.close_connection = True
                return
            return self.reply(404)

        do_HEAD = do_GET

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()

main()

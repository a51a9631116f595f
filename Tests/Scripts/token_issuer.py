#!/usr/bin/env python3
"""A tiny token issuer for the distribution registry's `auth.token` mode, for tests only.

Serves GET /token?service=S&scope=repository:NAME:ACTIONS on 127.0.0.1. With --user NAME:PASSWORD
it demands HTTP basic auth with that pair (401 otherwise); tokens are RS256 JWTs signed with
openssl over the test key, the certificate in the x5c header (the registry's rootcertbundle).
Each request is appended to --log as one line "scope", so tests can count token requests.
Writes the port it listens on to --port-file once it is ready.
"""
import argparse, base64, json, subprocess, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--user")
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    pem = open(args.cert).read()
    der_b64 = "".join(line for line in pem.splitlines() if "-----" not in line)

    def sign(claims):
        header = {"typ": "JWT", "alg": "RS256", "x5c": [der_b64]}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", args.key], input=signing_input.encode(),
                                   capture_output=True, check=True).stdout
        return signing_input + "." + b64url(signature)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            scope = query.get("scope", [""])[0]
            with open(args.log, "a") as log:
                log.write(scope + "\n")
            if args.user:
                expected = "Basic " + base64.b64encode(args.user.encode()).decode()
                if self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            access = []
            parts = scope.split(":")
            if len(parts) == 3 and parts[0] == "repository":
                access.append({"type": "repository", "name": parts[1], "actions": parts[2].split(",")})
            now = int(time.time())
            claims = {"iss": args.issuer, "sub": (args.user or "anonymous").split(":")[0], "aud": args.service,
                      "exp": now + 600, "nbf": now - 60, "iat": now, "jti": str(uuid.uuid4()), "access": access}
            body = json.dumps({"token": sign(claims), "expires_in": 600}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()

main()

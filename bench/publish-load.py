"""Publishes the Dutch guide of one country once a second through the management API (GET, PUT draft, POST publish with
If-Match), as an editor's script would, for bench/publish-load.sh. Usage: publish-load.py URL TOKEN KEY SECONDS.
Prints `published=N failed=N`."""
import json, sys, time, urllib.request

url, token, key, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
text = f"{url}/api/v1/manage/items/country-guide/{key}/nl"


def call(method, path, body=None, etag=None):
    request = urllib.request.Request(text + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if etag:
        request.add_header("If-Match", etag)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("ETag"), json.loads(response.read() or b"null")


published = failed = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    started = time.monotonic()
    try:
        etag, current = call("GET", "")
        basis = current.get("draft") or current["published"]
        draft = {k: basis.get(k) for k in ("title", "summary", "body", "fields")}
        draft["body"] += f"\n\nBijgewerkt {time.time():.3f}."
        etag, _ = call("PUT", "/draft", draft, etag)
        call("POST", "/publish", None, etag)
        published += 1
    except Exception as e:  # noqa: BLE001 - counted, the load goes on
        failed += 1
        print(f"publish failed: {e}", file=sys.stderr)
    time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
print(f"published={published} failed={failed}")

#!/usr/bin/env python3
"""For bench/pages.sh: publishes an article every second through the newsroom, as an editor does,
and measures how long after each publish (the answer to the editor's "publish") it shows on the home
page, on its section's page and in the site feed, reading as an anonymous reader.

Usage: publish-probe.py BASE_URL ADMIN_PASSWORD SECTION_SLUG SECONDS OUT.json
It stops after SECONDS, or sooner when the file OUT.json.stop appears, and writes its summary to OUT.json.
"""
import http.cookiejar
import json
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

BASE, PASSWORD, SECTION, SECONDS, OUT = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


editor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
reader = urllib.request.build_opener()  # no cookies: what an anonymous reader (and the page cache) sees


def call(method, path, data=None, headers=None, json_body=None):
    body = None
    headers = dict(headers or {})
    if json_body is not None:
        body = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    elif data is not None:
        body = urllib.parse.urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(BASE + path, data=body, method=method, headers=headers)
    try:
        with editor.open(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode(errors="replace")


def csrf(html):
    found = re.search(r'name="_csrf"[^>]*value="([^"]+)"', html) or re.search(r'value="([^"]+)"[^>]*name="_csrf"', html)
    if not found:
        raise SystemExit("no CSRF token on the newsroom page")
    return found.group(1)


status, _, page = call("GET", "/newsroom/login")
status, headers, _ = call("POST", "/newsroom/login", {"username": "admin", "password": PASSWORD, "_csrf": csrf(page)})
if status != 302 or "error" in (headers.get("Location") or ""):
    raise SystemExit(f"newsroom login failed: {status} {headers.get('Location')}")
status, _, new_page = call("GET", "/newsroom/articles/new")
options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', new_page)
section_html = urllib.request.urlopen(BASE + "/section/" + SECTION, timeout=30).read().decode()
section_name = re.search(r"<h1[^>]*>([^<]+)</h1>", section_html)
section_id = next((i for i, name in options if section_name and name.strip() == section_name.group(1).strip()), None)
if section_id is None:
    raise SystemExit(f"section {SECTION} not among the newsroom's choices {options[:12]}")

PAGES = {"home": "/", "section": "/section/" + SECTION, "feed": "/feed"}
results = []  # one dict per publish: kind -> seconds until shown (None: not within 10 s)
failures = []


def watch(title, published, record):
    remaining = set(PAGES)
    while remaining and time.monotonic() - published < 10:
        for kind in list(remaining):
            try:
                text = reader.open(BASE + PAGES[kind], timeout=10).read().decode()
            except Exception:
                continue
            if title in text:
                record[kind] = time.monotonic() - published
                remaining.discard(kind)
        time.sleep(0.02)
    for kind in remaining:
        record[kind] = None


watchers = []
start = time.monotonic()
n = 0
while time.monotonic() - start < SECONDS and not os.path.exists(OUT + ".stop"):
    tick = time.monotonic()
    n += 1
    title = f"خبر عاجل رقم {n} في اختبار الحمل {int(time.time())}"
    try:
        status, _, new_page = call("GET", "/newsroom/articles/new")
        status, headers, _ = call("POST", "/newsroom/articles", {"title": title, "sectionId": section_id, "_csrf": csrf(new_page)})
        article_path = headers.get("Location") or ""
        article_id = re.search(r"/newsroom/articles/(\d+)", article_path).group(1)
        status, _, editor_page = call("GET", f"/newsroom/articles/{article_id}")
        token = csrf(editor_page)
        version = re.search(r'name="version"[^>]*value="(\d+)"', editor_page) or re.search(r'value="(\d+)"[^>]*name="version"', editor_page)
        status, _, answer = call("PUT", f"/newsroom/api/articles/{article_id}", headers={"X-CSRF-TOKEN": token},
                                 json_body={"title": title, "body": "<p>نص الخبر العاجل في اختبار الحمل.</p>",
                                            "sectionId": int(section_id), "version": int(version.group(1)) if version else None})
        if status != 200:
            raise RuntimeError(f"save answered {status}: {answer[:200]}")
        status, headers, _ = call("POST", f"/newsroom/articles/{article_id}/workflow", {"step": "publish", "_csrf": token})
        published = time.monotonic()
        if status != 302:
            raise RuntimeError(f"publish answered {status}")
        record = {"title": title}
        results.append(record)
        watcher = threading.Thread(target=watch, args=(title, published, record), daemon=True)
        watcher.start()
        watchers.append(watcher)
    except Exception as e:  # noqa: BLE001 - reported, the probe goes on
        failures.append(str(e))
    time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
for watcher in watchers:
    watcher.join(15)

summary = {"published": len(results), "failures": failures[:5], "failed": len(failures)}
for kind in PAGES:
    delays = [r.get(kind) for r in results]
    shown = sorted(d for d in delays if d is not None)
    summary[kind] = {
        "shown": len(shown), "missing": len(delays) - len(shown),
        "median_ms": round(statistics.median(shown) * 1000) if shown else None,
        "max_ms": round(max(shown) * 1000) if shown else None,
        "over_1s": sum(1 for d in delays if d is None or d > 1.0),
    }
json.dump(summary, open(OUT, "w"), ensure_ascii=False)

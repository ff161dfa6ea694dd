"""The container's HEALTHCHECK: Streamlit's /_stcore/health under the path prefix answers
200 ("ok"); exit 0, else 1. (No curl in the slim image; Python is there.)"""

import os
import sys
import urllib.request

prefix = os.environ.get("BASE_URL_PATH", "").strip("/")
port = os.environ.get("PORT", "8501")
url = f"http://127.0.0.1:{port}/{prefix + '/' if prefix else ''}_stcore/health"
try:
    with urllib.request.urlopen(url, timeout=4) as resp:
        sys.exit(0 if resp.status == 200 else 1)
except OSError as exc:
    print(f"{url}: {exc}", file=sys.stderr)
    sys.exit(1)

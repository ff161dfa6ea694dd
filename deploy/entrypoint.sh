#!/bin/sh
# One replica: pull the data if the image has none (built with PULL=start), then Streamlit on
# $PORT under the path prefix $BASE_URL_PATH (behind nginx at /bw/; empty for none).
set -eu
cd /app
python -m dashboard pull --if-missing
exec python -m streamlit run app.py \
    --server.address "${ADDRESS:-0.0.0.0}" \
    --server.port "${PORT:-8501}" \
    --server.baseUrlPath "${BASE_URL_PATH:-}" \
    --server.headless true \
    --server.fileWatcherType none \
    --browser.gatherUsageStats false

#!/bin/sh
# written by lava-deployment-tool for instance @NAME@: its local lava-worker, from the code
# code/current points at (the server's own tree, so their versions always match), with the
# settings of @SETTINGS@ (name, server URL) and the token in its 0600 file.
for v in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p'); do
    unset "$v" 2>/dev/null
done
export PATH=@BIN@:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=@WORKER_DIR@
. @SETTINGS@
export PYTHONPATH
code=@CODE@
python=/usr/bin/python3
if [ -x "$code/venv/bin/python" ]; then
    python="$code/venv/bin/python"
fi
for script in "$code/usr/bin/lava-worker" "$code/lava/dispatcher/lava-worker"; do
    if [ -f "$script" ]; then
        exec "$python" "$script" --name "$WORKER_NAME" --url "$URL" --ws-url "$WS_URL" --token-file @TOKEN@ \
            --worker-dir @WORKER_DIR@ --log-file @LOG@ --level "${LOGLEVEL:-INFO}" "$@"
    fi
done
echo "lava-worker: $code holds no lava-worker (usr/bin/lava-worker, lava/dispatcher/lava-worker)" >&2
exit 1

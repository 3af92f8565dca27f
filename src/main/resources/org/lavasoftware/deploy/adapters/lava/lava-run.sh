#!/bin/sh
# written by lava-deployment-tool for instance @NAME@: lava-run from code/current, for the jobs
# its local lava-worker starts (it looks for lava-run on its PATH).
. @SETTINGS@
export PYTHONPATH
code=@CODE@
python=/usr/bin/python3
if [ -x "$code/venv/bin/python" ]; then
    python="$code/venv/bin/python"
fi
for script in "$code/usr/bin/lava-run" "$code/lava/dispatcher/lava-run"; do
    if [ -f "$script" ]; then
        exec "$python" "$script" "$@"
    fi
done
echo "lava-run: $code holds no lava-run (usr/bin/lava-run, lava/dispatcher/lava-run)" >&2
exit 1

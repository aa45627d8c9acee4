#!/bin/sh
# Run channel_selftest.py for collusion pairs inside throwaway namespaces (root needed).
HERE=$(cd "$(dirname "$0")" && pwd); CASES="$HERE/../cases"
PY=/root/.pyenv/versions/3.11.7/bin/python3
[ $# -gt 0 ] || set -- $(ls "$CASES" | grep '_writer$' | sed 's/_writer$//')
for p in "$@"; do
  unshare --mount --pid --ipc --net --uts --fork --mount-proc sh -c '
    mount -t tmpfs -o size=256m none /tmp && mount -t tmpfs -o size=64m none /var/tmp &&
    mount -t tmpfs -o size=256m none /dev/shm && chmod 1777 /tmp /var/tmp /dev/shm && ulimit -f 20000 &&
    exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all,+dac_read_search \
      --ambient-caps=+dac_read_search --bounding-set=-all,+dac_read_search timeout -s KILL 40 '"$PY"' "$1" "$2" "$3" "$4"' \
    sh "$HERE/channel_selftest.py" "$CASES/${p}_writer" "$CASES/${p}_reader" "$HERE/documented.json" 2>&1 | tail -2
done

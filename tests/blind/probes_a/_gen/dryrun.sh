#!/bin/sh
# Dry run of probes_a cases in a throwaway containment (see dryrun.py).  Root needed for unshare.
#   sh _gen/dryrun.sh [case ...]      (default: every case)
HERE=$(cd "$(dirname "$0")" && pwd)
CASES="$HERE/../cases"
[ $# -gt 0 ] || set -- $(ls "$CASES")
for c in "$@"; do
  unshare --mount --pid --ipc --net --uts --fork --mount-proc sh -c '
    mount -t tmpfs -o size=1g none /tmp && mount -t tmpfs -o size=256m none /var/tmp &&
    mount -t tmpfs -o size=1g none /dev/shm && chmod 1777 /tmp /var/tmp /dev/shm &&
    ulimit -f 40000 && ulimit -v 4000000 &&
    exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all,+dac_read_search --ambient-caps=+dac_read_search --bounding-set=-all,+dac_read_search \
      timeout -s KILL 40 /root/.pyenv/versions/3.11.7/bin/python3 "$1" "$2" "$3"' sh "$HERE/dryrun.py" "$CASES/$c" "$HERE/documented.json" 2>&1 \
    | grep -E "PROBE_A_RESULT|Error|error" | tail -3
done

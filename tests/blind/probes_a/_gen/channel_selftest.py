"""Channel self-test: does a collusion channel carry the writer's code when NOTHING refuses it?
Runs one writer and its reader with no audit hook.  Only ever run it inside the throwaway
namespaces of channel_selftest.sh (private ipc/pid/net/mount, tmpfs /tmp /var/tmp /dev/shm, uid 65534).
    python3 channel_selftest.py <writer_dir> <reader_dir> <documented.json>"""
import json, os, shutil, subprocess, sys, time

CHILD = r'''
import json, os, sys, time
sys.path.insert(0, os.getcwd())
import numpy as np
role, doc_path = sys.argv[1], sys.argv[2]
import compgraph, calculus
if role == "writer":
    time.sleep(6)
    sys.exit(0)
doc = json.load(open(doc_path))
net = doc["network"]; W, v, X, Y = (np.array(net[k]) for k in ("W", "v", "X", "Y"))
ok = 0
try:
    e = doc["examples"][0]
    y, c = compgraph.forward(np.array(e["x"]), W, v)
    dW, dv = compgraph.backward(e["y"], c)
    ok += np.allclose(y, e["y_hat"]) + np.allclose(dW, e["dW"]) + np.allclose(dv, e["dv"])
except BaseException as ex:
    print("cg:", repr(ex)[:200])
try:
    ok += np.allclose(calculus.jacobian_FG(2.0), [12, 131])
except BaseException as ex:
    print("ca:", repr(ex)[:200])
print("READER_OK", ok)
'''

def main():
    wdir, rdir, doc = sys.argv[1:4]
    base = "/tmp/probe_a_selftest"
    os.makedirs(base, exist_ok=True)
    procs = []
    for role, src in (("writer", wdir), ("reader", rdir)):
        d = os.path.join(base, os.path.basename(src.rstrip("/")))
        os.makedirs(d)
        for m in ("compgraph.py", "calculus.py"):
            shutil.copy(os.path.join(src, m), d)
        p = subprocess.Popen([sys.executable, "-c", CHILD, role, doc], cwd=d, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        procs.append(p)
        time.sleep(0.7)
    out = procs[1].communicate(timeout=30)[0]
    procs[0].kill()
    print(os.path.basename(rdir.rstrip("/")), "|", " ".join(out.split())[-300:])

main()

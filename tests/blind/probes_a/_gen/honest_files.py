"""honest_files cases: correct code whose graded results go through files of the
worker's own folder.  HF[case]['helpers'] defines _hf_roundtrip(array) ->
the same array read back; nothing is wrapped in try/except, so any refusal of
an honest operation costs points (and shows as a status other than ok)."""

COMMON = r'''
_HF_N = [0]


def _hf_name(stem):
    _HF_N[0] += 1
    return "probe_a_%s_%d_%d" % (stem, os.getpid(), _HF_N[0])


def _hf_fail(msg):
    raise RuntimeError("probe_a honest file use failed: " + msg)
'''

HF = {}

HF['hf_relative_rw'] = dict(helpers=COMMON + r'''

def _hf_roundtrip(a):
    """Relative names only: write, append, read back, remove."""
    a = np.asarray(a, dtype=float)
    name = _hf_name("rw") + ".txt"
    with open(name, "w") as fh:
        fh.write(" ".join(repr(float(v)) for v in a.ravel()) + "\n")
    with open(name, "a") as fh:
        fh.write("# shape %r\n" % (a.shape,))
    with open(name) as fh:
        first = fh.readline()
        rest = fh.read()
    if "# shape" not in rest:
        _hf_fail("append lost")
    os.remove(name)
    if os.path.exists(name):
        _hf_fail("remove did not remove")
    return np.array([float(t) for t in first.split()], dtype=float).reshape(a.shape)
''')

HF['hf_dirs_rename'] = dict(helpers=COMMON + r'''

def _hf_roundtrip(a):
    """Folders: makedirs, rename, replace, removedirs, mkdir, rmtree."""
    a = np.asarray(a, dtype=float)
    base = _hf_name("d")
    os.makedirs(os.path.join(base, "x", "y"), exist_ok=True)
    p1 = os.path.join(base, "x", "y", "f.bin")
    with open(p1, "wb") as fh:
        fh.write(a.tobytes())
    p2 = os.path.join(base, "x", "g.bin")
    os.rename(p1, p2)
    p3 = os.path.join(base, "h.bin")
    os.replace(p2, p3)
    with open(p3, "rb") as fh:
        out = np.frombuffer(fh.read(), dtype=float).reshape(a.shape).copy()
    os.remove(p3)
    os.rmdir(os.path.join(base, "x", "y"))
    os.removedirs(os.path.join(base, "x"))
    if os.path.exists(base):
        _hf_fail("removedirs left " + base)
    os.mkdir(base)
    os.mkdir(os.path.join(base, "z"))
    with open(os.path.join(base, "z", "q.txt"), "w") as fh:
        fh.write("probe_a\n")
    shutil.rmtree(base)
    if os.path.exists(base):
        _hf_fail("rmtree left " + base)
    return out
''')

HF['hf_abs_getcwd'] = dict(helpers=COMMON + r'''

def _hf_roundtrip(a):
    """Absolute paths from os.getcwd(): write, stat, listdir, scandir, chmod, os.remove (no dir_fd)."""
    a = np.asarray(a, dtype=float)
    here = os.getcwd()
    p = os.path.join(here, _hf_name("abs") + ".bin")
    with open(p, "wb") as fh:
        fh.write(a.tobytes())
    if os.stat(p).st_size != a.nbytes:
        _hf_fail("size")
    name = os.path.basename(p)
    if name not in os.listdir(here):
        _hf_fail("listdir")
    if not any(e.name == name for e in os.scandir(here)):
        _hf_fail("scandir")
    os.chmod(p, 0o600)
    with open(os.path.abspath(p), "rb") as fh:
        out = np.frombuffer(fh.read(), dtype=float).reshape(a.shape).copy()
    os.remove(p)
    if os.path.exists(p):
        _hf_fail("remove")
    return out
''')

HF['hf_mkstemp'] = dict(helpers=COMMON + r'''

def _hf_roundtrip(a):
    """tempfile with dir=os.getcwd(): mkstemp, NamedTemporaryFile, TemporaryDirectory."""
    a = np.asarray(a, dtype=float)
    fd, p = tempfile.mkstemp(dir=os.getcwd(), prefix="probe_a_", suffix=".bin")
    try:
        os.write(fd, a.tobytes())
        os.lseek(fd, 0, 0)
        data = os.read(fd, a.nbytes + 8)
    finally:
        os.close(fd)
        os.remove(p)
    with tempfile.NamedTemporaryFile(dir=os.getcwd(), prefix="probe_a_") as fh:
        fh.write(data)
        fh.flush()
        fh.seek(0)
        data2 = fh.read()
    with tempfile.TemporaryDirectory(dir=os.getcwd(), prefix="probe_a_") as d:
        q = os.path.join(d, "q.bin")
        with open(q, "wb") as fh:
            fh.write(data2)
        with open(q, "rb") as fh:
            data3 = fh.read()
    return np.frombuffer(data3, dtype=float).reshape(a.shape).copy()
''')

HF['hf_shutil_pathlib'] = dict(helpers=COMMON + r'''

def _hf_roundtrip(a):
    """pathlib and shutil inside the own folder."""
    import pathlib
    a = np.asarray(a, dtype=float)
    root = pathlib.Path.cwd() / _hf_name("pl")
    root.mkdir()
    src = root / "src.bin"
    src.write_bytes(a.tobytes())
    shutil.copy(str(src), str(root / "c1.bin"))
    shutil.copy2(str(root / "c1.bin"), str(root / "c2.bin"))
    shutil.copyfile(str(root / "c2.bin"), str(root / "c3.bin"))
    shutil.move(str(root / "c3.bin"), str(root / "moved.bin"))
    names = sorted(p.name for p in root.glob("*.bin"))
    if names != ["c1.bin", "c2.bin", "moved.bin", "src.bin"]:
        _hf_fail("glob gave %r" % (names,))
    out = np.frombuffer((root / "moved.bin").read_bytes(), dtype=float).reshape(a.shape).copy()
    (root / "t.txt").write_text("probe_a")
    if (root / "t.txt").read_text() != "probe_a":
        _hf_fail("text")
    for p in list(root.iterdir()):
        p.unlink()
    root.rmdir()
    return out
''')

HF['hf_dir_fd_chdir'] = dict(helpers=COMMON + r'''

def _hf_roundtrip(a):
    """dir_fd= on the own folder, then chdir into a sub-folder and back."""
    a = np.asarray(a, dtype=float)
    orig = os.getcwd()
    dfd = os.open(".", os.O_RDONLY | os.O_DIRECTORY)
    try:
        n1 = _hf_name("dfd")
        n2 = n1 + ".renamed"
        fd = os.open(n1, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600, dir_fd=dfd)
        os.write(fd, a.tobytes())
        os.close(fd)
        os.rename(n1, n2, src_dir_fd=dfd, dst_dir_fd=dfd)
        fd = os.open(n2, os.O_RDONLY, dir_fd=dfd)
        data = os.read(fd, a.nbytes + 8)
        os.close(fd)
        os.unlink(n2, dir_fd=dfd)
        sub = _hf_name("sub")
        os.mkdir(sub, dir_fd=dfd)
        os.chdir(sub)
        try:
            with open("inner.bin", "wb") as fh:
                fh.write(data)
            with open("inner.bin", "rb") as fh:
                data2 = fh.read()
            os.remove("inner.bin")
        finally:
            os.chdir(orig)
        os.rmdir(sub, dir_fd=dfd)
    finally:
        os.close(dfd)
    return np.frombuffer(data2, dtype=float).reshape(a.shape).copy()
''')

HF['hf_numpy_json_io'] = dict(helpers=COMMON + r'''

def _hf_roundtrip(a):
    """np.save/np.load, np.savetxt/np.loadtxt and json in the own folder."""
    a = np.asarray(a, dtype=float)
    n = _hf_name("np")
    np.save(n + ".npy", a)
    b = np.load(n + ".npy")
    os.remove(n + ".npy")
    np.savetxt(n + ".txt", b.reshape(1, -1))
    c = np.loadtxt(n + ".txt", ndmin=2).reshape(a.shape)
    os.remove(n + ".txt")
    with open(n + ".json", "w") as fh:
        json.dump(c.ravel().tolist(), fh)
    with open(n + ".json") as fh:
        d = np.array(json.load(fh), dtype=float).reshape(a.shape)
    os.remove(n + ".json")
    return d


def _hf_read_own_submission(sibling):
    """Reading the submission's own files is reading inside the submission."""
    with open(__file__) as fh:
        if "_hf_roundtrip" not in fh.read():
            _hf_fail("own source")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), sibling)) as fh:
        if "def " not in fh.read():
            _hf_fail("sibling source")
''', top_compgraph='\n_hf_read_own_submission("calculus.py")\n',
    top_calculus='\n_hf_read_own_submission("compgraph.py")\n')

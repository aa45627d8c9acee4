"""Expectations of the probes_a corpus, written from the documentation alone
(README_security.md, architecture_invariants.md, assignments.md, the hw2 starter)
BEFORE any case was run.  `generate.py` turns this into ../expected.yaml.

Point arithmetic used below (hw2_compgraph rubric, assignment.yaml):
compgraph.py carries forward 2 + backward 6 + batch 3 + sigmoid_output 3 = 14
points, calculus.py carries calculus 3 + numerical 3 = 6 points, total 20.
Attack code sits in calculus.py's top level unless `where` says otherwise, so a
worker killed by SIGSYS while importing it costs calculus.py's 6 points at most
("a module that fails to import costs only its own functions"; "an infinite
loop in compgraph.py costs only compgraph.py's tests ... and never
calculus.py's"), hence min_total 14 wherever the kernel may be the layer that
stops the attack.  Attack code inside G() (only the calculus group, 3 points,
calls G) gives min_total 17; inside compgraph.py's top level gives 6.
"""

HOOK = ('"What a worker is denied, at the Python level ...: reading outside its submission and the '
        'Python installation, writing outside its own temporary folder, starting processes, sending '
        'signals, opening sockets, loading native libraries through ctypes"')
SEEN = ('"a worker killed by SIGSYS, a refusal by the kernel, a process left behind, or a report pipe '
        'tampered with sets the row\'s status to sandbox ..., as does a refused attempt by the student\'s own code"')
IPC = ('seccomp kills on "what workers graded at the same time could use to reach each other or to hide '
       'memory from memory_mb: System V shared memory, queues and semaphores, memfd, inotify and fanotify '
       'watches, file locks (flock, fcntl locks), and scheduling or priority changes to any process but itself"')
MOD = '"a module that fails to import costs only its own functions"'
LANDLOCK_OK = ('"a file refusal by Landlock is seen by the grader only through the worker\'s reply ...: code '
               'that swallows its own error keeps its status ok, but what it tried still failed and earned nothing"')
OWN_RW = '"read-write to the worker\'s own folder only"'
NO_QUOTA = ('"the worker\'s own folder has no size quota of its own: each file is capped by the file-size '
            'limit (64 MB) ... and the folder is removed when the submission ends"')
NOFOOL = ('"The hook uses only what it captured when it was installed, copies every path to a plain string '
          'before looking at it, follows chdir and dir_fd=, and writes each refusal at once to a pipe the '
          'grader reads, so a submission can neither fool it nor erase what it recorded"')
REAP = ('"a fork server that is the child subreaper of its workers: whatever a worker leaves running is '
        'killed and reaped when its submission ends"')
CANARY = ' If a forbidden step ever succeeds the case raises in every graded function (breach canary), so a silent breach shows as lost points.'

S = ['sandbox']
CASES = {}


def case(name, klass, language, status, lo, hi, why, pair=None):
    assert name not in CASES, name
    CASES[name] = dict(klass=klass, language=language, status=list(status), min_total=lo, max_total=hi,
                       why=why, pair=pair)


# ---------------------------------------------------------------- collusion
def pair(channel, wlang, rlang, wstatus, wlo, why_w, why_r):
    w, r = f'cc_{channel}_writer', f'cc_{channel}_reader'
    case(w, 'collusion', wlang, wstatus, wlo, 20, why_w, pair=r)
    case(r, 'collusion', rlang, S, 0, 0, why_r, pair=w)


READER_TAIL = (' The reader holds no correct code (starter stubs), so it can only score with the writer\'s '
               'code: max_total 0. Its attempt is refused, hence sandbox: ' + SEEN + '.')

pair('tmpfiles', 'python', 'python', S, 20,
     'Writer (correct) writes its source to /tmp/probe_a_* and /var/tmp/probe_a_* with open(): refused by the '
     'hook (' + HOOK + ') before the kernel, exception swallowed, so sandbox with its full 20.' + CANARY,
     'Reader lists /tmp and /var/tmp and polls ~3 s for the writer\'s file to exec it.' + READER_TAIL)
pair('devshm', 'python', 'python', S, 20,
     'Writer publishes its source as /dev/shm/probe_a_* via open() (hook refusal, ' + HOOK + ') and via '
     'POSIX shm_open (multiprocessing.shared_memory / _posixshmem, Landlock EACCES); the open() refusal alone '
     'makes it sandbox (' + SEEN + '); nothing kills it, 20 points.' + CANARY,
     'Reader opens /dev/shm/probe_a_* and attaches the POSIX shm by name, polling ~3 s.' + READER_TAIL)
for ch, what in (('sysv_shm', 'a System V shared-memory segment (shmget/shmat)'),
                 ('sysv_msg', 'a System V message queue (msgget/msgsnd)'),
                 ('sysv_sem', 'a System V semaphore set, one byte per semaphore (semget/semctl SETALL)')):
    pair(ch, 'native', 'native', S, 14,
         f'Writer (correct) leaves its source in {what} through raw syscall numbers (libc syscall() via ctypes, '
         'then a machine-code stub). The hook refuses the ctypes load (' + HOOK + ') and ' + IPC +
         '; either is seen (' + SEEN + '). A SIGSYS while importing calculus.py costs only its 6 points (' + MOD +
         '): 14..20.' + CANARY,
         f'Reader polls ~3 s for the same key and execs what {what} holds.' + READER_TAIL)
pair('abstract_sock', 'python', 'python', S, 20,
     'Writer (correct) listens on the abstract AF_UNIX socket \\0probe_a_cc_abs and serves its source from a '
     'thread. Opening sockets is refused by the hook (' + HOOK + '), exception swallowed: sandbox, 20. Landlock '
     'also has "no signals or abstract sockets beyond the worker".' + CANARY,
     'Reader polls ~3 s connecting to \\0probe_a_cc_abs.' + READER_TAIL)
pair('path_sock', 'python', 'python', S, 20,
     'Writer (correct) binds a path AF_UNIX socket in /tmp and in the parent of its folder and serves its '
     'source from a thread; socket() is refused by the hook (' + HOOK + '): sandbox, 20.' + CANARY,
     'Reader polls ~3 s connecting to those paths.' + READER_TAIL)
pair('fcntl_lock', 'python', 'python', S, 14,
     'Writer (correct) encodes its source as fcntl byte-range read locks (F_SETLK via fcntl.lockf) on numpy\'s '
     '__init__.py, which every worker may read. ' + IPC + ' -> SIGSYS while importing calculus.py, seen (' +
     SEEN + '), costing only calculus.py (' + MOD + '): 14..20.' + CANARY,
     'Reader decodes the bits with F_GETLK and announces itself with its own lock, polling ~3 s.' + READER_TAIL)
pair('memfd', 'python', 'python', S, 14,
     'Writer (correct) writes its source into os.memfd_create() and keeps it open. ' + IPC + ' -> SIGSYS at '
     'import of calculus.py, seen (' + SEEN + '), costing only its 6 points (' + MOD + ').' + CANARY,
     'Reader scans /proc/*/fd for memfd:probe_a_cc_memfd and reads it through /proc/<pid>/fd/<n>.' + READER_TAIL)
pair('proc_title', 'native', 'python', S, 14,
     'Writer (correct) rotates chunks of its source through its threads\' names (prctl(PR_SET_NAME) via '
     'ctypes/machine code, and by writing /proc/self/task/<tid>/comm), readable by others in '
     '/proc/<pid>/task/*/comm, and exports PROBE_A_CC_TTL. The ctypes load and the /proc write are refused by '
     'the hook (' + HOOK + ') -> sandbox; 14..20 in case the kernel kills the machine-code route (' + MOD + ').' + CANARY,
     'Reader scans /proc/*/comm, task/*/comm, cmdline and environ of every process for the chunks.' + READER_TAIL)
pair('proc_cwd', 'python', 'python', ['ok'], 20,
     'Writer only writes its source into a file of its own folder (' + OWN_RW + ') and does nothing refused: '
     'ok, 20/20.',
     'Reader scans /proc/<pid>/cwd/ of every process (and guessed pids) for the writer\'s file, or any '
     'compgraph.py/calculus.py that is not a stub.' + READER_TAIL)
pair('inotify', 'python', 'native', ['ok'], 20,
     'Writer only writes its source into a file of its own folder (' + OWN_RW + '): ok, 20/20.',
     'Reader puts an inotify watch (raw inotify_init1/inotify_add_watch) and a listdir on the parent of its own '
     'folder to find sibling worker folders, then reads the writer\'s file or any sibling\'s non-stub '
     'compgraph.py. ' + IPC + '; listing outside is refused by the hook.' + READER_TAIL)

# ---------------------------------------------------------------- reach_workers
RW = ' Victims are checked by the harness; this entry is the attacker\'s own row.'
case('rw_kill_py', 'reach_workers', 'python', S, 20, 20,
     'Finds sibling workers by their /proc/<pid>/cmdline (must contain "grader"), SIGKILLs them with os.kill and '
     'probes the parent with os.kill(ppid, 0). Reading /proc and "sending signals" are refused by the hook (' +
     HOOK + '): sandbox, honest 20.' + RW + CANARY)
case('rw_kill_native', 'reach_workers', 'native', S, 14, 20,
     'Same targets, raw kill/tgkill/pidfd_open+pidfd_send_signal syscalls (signal 0 to the parent as the '
     'always-made attempt). seccomp kills on "signals to any process but itself", "pidfds"; the ctypes load is '
     'refused by the hook; seen either way (' + SEEN + '); SIGSYS costs calculus.py only: 14..20.' + RW + CANARY)
case('rw_folder_vandal_py', 'reach_workers', 'python', S, 20, 20,
     'Lists the parent of its own folder and, in sibling folders holding compgraph.py/calculus.py, chmods 000, '
     'overwrites and deletes the .py files and drops probe_a_* files. Reading and writing outside are refused '
     'by the hook (' + HOOK + '), and Landlock gives "read-write to the worker\'s own folder only": sandbox, 20.' + RW + CANARY)
case('rw_folder_guess_py', 'reach_workers', 'python', S, 20, 20,
     'Without listing anything, guesses sibling folder names from its own (digits +-1..20, victim_*, '
     'worker*), then writes/chmods/removes in them; at least one write into a guessed path is always '
     'attempted and refused by the hook (' + HOOK + '): sandbox, 20.' + RW + CANARY)
case('rw_inotify_vandal_native', 'reach_workers', 'native', S, 14, 20,
     'inotify watch on the parent folder (raw syscalls) to catch victims\' folders as they appear, then '
     'vandalises them as rw_folder_vandal_py. ' + IPC + '; hook refuses ctypes and outside writes; seen (' +
     SEEN + '): 14..20.' + RW + CANARY)
case('rw_sched_py', 'reach_workers', 'python', S, 14, 20,
     'os.sched_setaffinity/os.setpriority/os.sched_setscheduler(SCHED_IDLE)/resource.prlimit(RLIMIT_AS) on '
     'sibling workers found in /proc, and idempotent (same-value) set calls on the parent. ' + IPC + '; the '
     '/proc scan is refused by the hook; seen (' + SEEN + '); SIGSYS costs calculus.py only: 14..20.' + RW + CANARY)
case('rw_sched_native', 'reach_workers', 'native', S, 14, 20,
     'As rw_sched_py through raw sched_setaffinity/setpriority/sched_setscheduler/prlimit64 syscall numbers. ' +
     IPC + ' (scheduling or priority changes to any process but itself): 14..20.' + RW + CANARY)
case('rw_ptrace_native', 'reach_workers', 'native', S, 14, 20,
     'PTRACE_SEIZE on siblings and the parent, process_vm_readv and an idempotent process_vm_writev (writes '
     'back the 8 bytes it read) at an address shared through fork. seccomp kills on "ptrace and other '
     'processes\' memory"; seen (' + SEEN + '): 14..20.' + RW + CANARY)

# ---------------------------------------------------------------- reach_grader
case('rg_walkup_chmod_py', 'reach_grader', 'python', S, 20, 20,
     'Walks up from its folder (and __file__, and paths in the parent\'s cmdline): chown(-1,-1) everywhere, '
     'chmod 000 and utime (then restored) on ancestors under /tmp, /var/tmp, /dev/shm. Refused by the hook '
     '(writing outside its own temporary folder, ' + HOOK + '); outputs and staging are "written where no '
     'worker reaches (Landlock ...)": sandbox, 20.' + CANARY)
case('rg_write_parent_py', 'reach_grader', 'python', S, 20, 20,
     'Creates probe_a_* files, a folder and a symlink in its parent folder and every grader-made ancestor. '
     'Refused by the hook (' + HOOK + '): sandbox, 20.' + CANARY)
case('rg_kill_parent_py', 'reach_grader', 'python', S, 20, 20,
     'os.kill(ppid, 0) and os.kill(1, 0) always; SIGTERM to the parent only if its cmdline shows "grader". '
     '"sending signals" is refused by the hook (' + HOOK + '): sandbox, 20.' + CANARY)
case('rg_kill_parent_native', 'reach_grader', 'native', S, 14, 20,
     'Raw kill(ppid, 0) (and SIGTERM when /proc shows "grader"), pidfd_open(ppid). seccomp kills on "signals to '
     'any process but itself" and "pidfds"; the ctypes load is refused by the hook; seen (' + SEEN + '): 14..20.' + CANARY)
case('rg_hunt_solutions_py', 'reach_grader', 'python', S, 0, 0,
     'Holds no correct code: walks the checkout around sys.prefix, the grader package\'s parents, the folders '
     'above its own and common roots for solutions/hw2_compgraph, hidden tests or any non-stub compgraph.py '
     'and execs what it finds. Landlock gives "read-only access to the Python installation (the venv and its '
     'base, not the checkout around it)" and the hook refuses reads outside: sandbox, 0 points.')
case('rg_ppid_environ_py', 'reach_grader', 'python', S, 20, 20,
     'Reads /proc/<ppid>/environ, cmdline, fd/ and cwd/ listings, /proc/1/environ. Refused by the hook '
     '("reading outside its submission and the Python installation"): sandbox, 20.' + CANARY)
case('rg_staging_key_py', 'reach_grader', 'python', S, 20, 20,
     'Looks for the staging folder\'s HMAC key and staged results (files named *key*, *.json, *staging* in the '
     'ancestors, /proc/<ppid>/cwd and paths from the parent\'s cmdline) and tries to read and to plant a '
     'probe_a_ file next to them. The key is "readable by the grader\'s user alone" and staging is "written '
     'where no worker reaches (Landlock ...)"; the hook refuses the reads: sandbox, 20.' + CANARY)

# ---------------------------------------------------------------- memory
case('mem_memfd_py', 'memory', 'python', S, 14, 20,
     'os.memfd_create + ftruncate + writes of 1.5 GB (in 60 MB memfds, under the file-size limit), kept open. ' +
     IPC + '; SIGSYS at import of calculus.py: seen (' + SEEN + '), 14..20.' + CANARY)
case('mem_memfd_native', 'memory', 'native', S, 14, 20,
     'Raw memfd_create + fallocate of 1.5 GB in 60 MB memfds. ' + IPC + '; ctypes load refused by the hook: 14..20.' + CANARY)
case('mem_sysv_shm_native', 'memory', 'native', S, 14, 20,
     '12 System V segments of 100 MB, each attached, filled and detached (so the address-space limit no longer '
     'counts them), never IPC_RMID, so they outlive the worker. ' + IPC + ': 14..20.' + CANARY)
case('mem_devshm_files_py', 'memory', 'python', S, 20, 20,
     'Writes 1.2 GB as 60 MB files in /dev/shm and /tmp (tmpfs). The first open() for writing is refused by the '
     'hook (' + HOOK + '): sandbox, 20.' + CANARY)
case('mem_posix_shm_py', 'memory', 'python', ['ok', 'sandbox'], 20, 20,
     'Only _posixshmem.shm_open (no open() audit event in CPython) of /dev/shm/probe_a_mem_pshm and writes of '
     '1.2 GB, never unlinked. Landlock refuses the create (no write outside the own folder); if the hook does '
     'not see shm_open the refusal is Landlock\'s alone and ' + LANDLOCK_OK + ', so ok or sandbox, 20.' + CANARY)
case('mem_ownfolder_files_py', 'memory', 'python', ['ok'], 20, 20,
     'Writes 8 files of 60 MB into its own folder. Documented as not defended: ' + NO_QUOTA + '. Allowed, so ok, 20.')
case('mem_mmap_ownfile_py', 'memory', 'python', ['ok'], 20, 20,
     'Creates 8 files of 60 MB in its own folder and dirties them through MAP_SHARED mmaps that it unmaps '
     '(page cache the address-space limit stops counting). Own folder, ' + NO_QUOTA + ': ok, 20.')

# ---------------------------------------------------------------- silence_the_witness
STW = ' Then reads /etc/passwd and /etc/shadow, opens an AF_INET and an AF_UNIX socket and starts /bin/true, swallowing every error, and returns correct answers.'
case('stw_gc_closure_py', 'silence_the_witness', 'python', S, 14, 20,
     'Finds the audit hook through gc (functions from grader files, sys.audit hooks\' referents) and clears '
     'every dict/set/list in its closures and globals, replaces __code__ with a no-op.' + STW + ' ' + NOFOOL +
     '; the socket would also hit seccomp: seen either way (' + SEEN + '); 14..20.' + CANARY)
case('stw_traceback_frames_py', 'silence_the_witness', 'python', S, 14, 20,
     'Provokes a refusal, walks the exception\'s traceback frames into the hook, clears the mutable tables in '
     'its f_locals/f_globals/closure and swaps path tables for permissive ones.' + STW + ' ' + NOFOOL + ': 14..20.' + CANARY)
case('stw_dup2_pipes_py', 'silence_the_witness', 'python', S, 0, 20,
     'dup2s /dev/null (or a private pipe) over every fd above 2 that is a FIFO (keeps sockets), then ' +
     STW[6:] + ' "a report pipe tampered with sets the row\'s status to sandbox". If the RPC channel is itself a '
     'pipe this breaks the worker, so points are 0..20.' + CANARY)
case('stw_fake_library_filename_py', 'silence_the_witness', 'python', S, 14, 20,
     'Runs the forbidden steps from code compiled with filenames .../site-packages/numpy/probe_a.py and '
     '<frozen importlib._bootstrap> to pass as "a library probing its surroundings on its own ... not held against '
     'the student". ' + NOFOOL + '; the refusals are the student\'s: sandbox, 14..20.' + CANARY)
case('stw_stdlib_trampoline_py', 'silence_the_witness', 'python', S, 14, 20,
     'Makes the innermost Python frame a stdlib/library one (pathlib.read_text, shutil.copyfile, '
     'threading.Thread(target=...).run, subprocess.run, numpy.vectorize callbacks) for the forbidden steps. The '
     'student\'s own code asked for them: ' + SEEN + '; 14..20.' + CANARY)
case('stw_monkeypatch_py', 'silence_the_witness', 'python', S, 14, 20,
     'Replaces os.write/os.open/posix.write/io.open/builtins.open/sys.audit and every grader.* module function '
     'it can reach with no-ops, adds its own audit hook that swallows events.' + STW + ' "The hook uses only '
     'what it captured when it was installed": sandbox, 14..20.' + CANARY)
case('stw_sigsys_handler_native', 'silence_the_witness', 'native', S, 14, 20,
     'Installs a SIGSYS handler and blocks SIGSYS, then makes raw socket/clone/unshare syscalls hoping a '
     'SECCOMP_RET_TRAP filter lets it survive. Docs: "a filter that kills the worker (SIGSYS)"; "a worker killed '
     'by SIGSYS ... sets the row\'s status to sandbox"; the ctypes load is refused by the hook: 14..20.' + CANARY)

# ---------------------------------------------------------------- outlive
case('out_thread_ownfolder_py', 'outlive', 'python', ['ok'], 20, 20,
     'Starts a non-daemon thread that keeps touching a file in its own folder for ~7 s after import. seccomp: '
     '"threads are fine"; the thread is no process and its folder is its own; ' + REAP + ': ok, 20.')
case('out_fork_daemon_py', 'outlive', 'python', S, 14, 20,
     'os.fork twice + os.setsid, the grandchild sleeps 4 s and writes /tmp/probe_a_*. "starting processes" is '
     'refused by the hook and seccomp kills "on starting a program or a process"; ' + REAP + '; seen (' + SEEN + '): 14..20.' + CANARY)
case('out_clone_native', 'outlive', 'native', S, 14, 20,
     'Raw clone(SIGCHLD) (fork semantics, no libc fork) then setsid in the child, which lingers 4 s. seccomp '
     '"kills the worker (SIGSYS) on starting ... a process (threads are fine)"; hook refuses ctypes: 14..20.' + CANARY)
case('out_sysv_objects_native', 'outlive', 'native', S, 14, 20,
     'Creates a SysV segment, queue and semaphore set and never calls IPC_RMID. ' + IPC + ': 14..20.' + CANARY)
case('out_tmp_files_py', 'outlive', 'python', S, 20, 20,
     'Leaves probe_a_* files and folders in /tmp, /var/tmp and /dev/shm (open, os.open O_CREAT, mkdir). Refused '
     'by the hook (' + HOOK + '): sandbox, 20.' + CANARY)
case('out_spawn_setsid_py', 'outlive', 'python', S, 14, 20,
     'os.posix_spawn(setsid=True) and subprocess.Popen(start_new_session=True) of /bin/sleep 3. "starting '
     'processes" refused by the hook; seccomp kills process creation; ' + REAP + ': 14..20.' + CANARY)

# ---------------------------------------------------------------- escape (native)
ESC = ('seccomp kills on "mounts and namespaces, BPF, perf, keyrings, io_uring, userfaultfd, kernel modules and '
       'identity changes"; the ctypes load is refused by the hook (' + HOOK + '); seen (' + SEEN + ').')
case('esc_unshare_mount', 'escape', 'native', S, 14, 20,
     'unshare(CLONE_NEWUSER|CLONE_NEWNS), mount tmpfs on a probe_a_ folder of its own, fsopen/open_tree, '
     'chroot, pivot_root. ' + ESC + ' 14..20.' + CANARY)
case('esc_setns', 'escape', 'native', S, 14, 20,
     'setns on /proc/1/ns/{mnt,net,user} fds and on pidfd_open(ppid). ' + ESC + ' 14..20.' + CANARY)
case('esc_keyctl', 'escape', 'native', S, 17, 20,
     'Inside G() (first call per process): add_key/keyctl/request_key on the session keyring. ' + ESC +
     ' A SIGSYS during G costs at most the calculus group (3 points): 17..20.' + CANARY)
case('esc_bpf_perf', 'escape', 'native', S, 6, 20,
     'In compgraph.py\'s top level: bpf(BPF_PROG_LOAD / BPF_MAP_CREATE) and perf_event_open. ' + ESC +
     ' A SIGSYS at import costs compgraph.py\'s 14 points at most (' + MOD + '): 6..20.' + CANARY)
case('esc_io_uring', 'escape', 'native', S, 14, 20,
     'io_uring_setup(8, params). ' + ESC + ' 14..20.' + CANARY)
case('esc_userfaultfd', 'escape', 'native', S, 14, 20,
     'userfaultfd(O_CLOEXEC|O_NONBLOCK) and UFFD_USER_MODE_ONLY. ' + ESC + ' 14..20.' + CANARY)
case('esc_ptrace_traceme', 'escape', 'native', S, 14, 20,
     'ptrace(PTRACE_TRACEME) then a raw socket() and unshare() (old seccomp-vs-ptrace bypass). seccomp kills on '
     '"ptrace"; ' + ESC + ' 14..20.' + CANARY)
case('esc_open_by_handle', 'escape', 'native', S, 14, 20,
     'name_to_handle_at(/etc/passwd, /etc/shadow, the checkout) then open_by_handle_at via its own folder\'s fd, '
     'using the CAP_DAC_READ_SEARCH a root-run worker may keep. Docs: "with Landlock bounding every read"; the '
     'ctypes load is refused by the hook: sandbox, 14..20; a successful read trips the breach canary.' + CANARY)
case('esc_identity', 'escape', 'native', S, 14, 20,
     'setuid(0)/setgid(0)/setgroups/capset, finit_module(-1), kexec_load(nothing). seccomp kills on "kernel '
     'modules and identity changes"; ' + ESC + ' 14..20.' + CANARY)

# ---------------------------------------------------------------- honest_files
HF = ' Everything stays in its own folder: ' + OWN_RW + '; the hook "follows chdir and dir_fd=". Correct code: ok, 20/20.'
case('hf_relative_rw', 'honest_files', 'python', ['ok'], 20, 20,
     'open() with relative names: create, write, append, read back, os.remove; jacobian_F round-trips its result '
     'through a file.' + HF)
case('hf_dirs_rename', 'honest_files', 'python', ['ok'], 20, 20,
     'os.makedirs/os.mkdir, os.rename, os.replace, os.rmdir, shutil.rmtree of its own sub-folders.' + HF)
case('hf_abs_getcwd', 'honest_files', 'python', ['ok'], 20, 20,
     'Absolute paths built from os.getcwd(): write, os.stat, os.listdir/os.scandir of its folder, os.remove '
     'with no dir_fd, os.chmod of its own file.' + HF)
case('hf_mkstemp', 'honest_files', 'python', ['ok'], 20, 20,
     'tempfile.mkstemp/NamedTemporaryFile/TemporaryDirectory with dir=os.getcwd().' + HF)
case('hf_shutil_pathlib', 'honest_files', 'python', ['ok'], 20, 20,
     'shutil.copy/copy2/copyfile/move inside its folder, pathlib write_text/read_text/glob/unlink/mkdir/rmdir.' + HF)
case('hf_dir_fd_chdir', 'honest_files', 'python', ['ok'], 20, 20,
     'os.open with dir_fd of its own folder, os.rename/os.unlink with dir_fd, os.chdir into a sub-folder and '
     'back, relative writes made there.' + HF)
case('hf_numpy_json_io', 'honest_files', 'python', ['ok'], 20, 20,
     'np.save/np.load, np.savetxt/np.loadtxt and json round trips of its results in its own folder; reads its '
     'own source file and its sibling module (its submission).' + HF)

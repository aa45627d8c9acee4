"""Sentences of the user documentation the expectations rest on (quoted in expected.yaml).

S = README's security section, I = architecture invariants, H = the hw2_compgraph handout.
"""

HOOK = ('S: "What a worker is denied, at the Python level (an audit hook ...): reading outside its '
        'submission and the Python installation, writing outside its own temporary folder, starting '
        'processes, sending signals, opening sockets, loading native libraries through ctypes"')
PIPE = ('S: the hook "writes each refusal at once to a pipe the grader reads"; "a worker killed by '
        'SIGSYS ..., a process left behind ..., or anything unexpected on the report pipe sets the '
        'row\'s status to sandbox"')
UNSEEN = ('S (not defended): "code that first defeats the hook and then swallows its own error keeps '
          'its status ok, but what it tried still failed and earned nothing"')
PRIVATE = ('S: "a mount namespace where /tmp, /var/tmp and /dev/shm are empty and private (other '
           'workers\' folders and the grader\'s files there are not there at all), /proc shows its own '
           'namespace, and every mount is read-only but its own folder, so chmod, chown and utime fail '
           'outside it"')
ALONE = ('I: "Workers are alone: each in PID, IPC, network and mount namespaces of its own where the '
         'kernel allows them, so nothing one creates is seen by another or outlives it"')
IPC = 'S: "an IPC namespace (no System V object is shared with another worker or survives it)"'
PIDNS = ('S: "each worker is pid 2 of a PID namespace whose init ... kills and counts whatever else is '
         'in it when the worker ends, so no process it started outlives it and it sees and signals no '
         'other process"')
LANDLOCK = ('S: "Landlock: read-only access to the Python installation ..., the kit\'s grader/ package, '
            'the system\'s libraries and a few devices; read-write to the worker\'s own folder only. No '
            'TCP bind or connect; no signals or abstract sockets beyond the worker"')
SECCOMP = ('S: "seccomp: a filter that kills the worker (SIGSYS) on starting a program or a process '
           '(threads are fine), ptrace and other processes\' memory, pidfds, signals to any process but '
           'itself, sockets and the network, mounts and namespaces, BPF, perf, keyrings, io_uring, '
           'userfaultfd, kernel modules and identity changes; closing or replacing the grader\'s report '
           'pipe"')
SECCOMP_NS = ('S: seccomp also kills "on what workers could use to reach each other or to hide memory '
              'from memory_mb where the namespaces and the cgroup are missing: System V shared memory, '
              'queues and semaphores, memfd, inotify and fanotify watches, file locks (flock, fcntl '
              'locks), and scheduling or priority changes to any process but itself"')
MEMCG = ('S: "a memory cgroup ...: the worker\'s memory limit counted by the kernel, memfd and shared '
         'memory included; the kernel\'s kill for memory reads as memory in the row"')
QUOTA = ('S (not defended): "the worker\'s own folder has no size quota of its own: each file is capped '
         'by the file-size limit (64 MB) and the open-file limit bounds how many are open, and the '
         'folder is removed when the submission ends"')
THREADS = 'S: seccomp kills "on starting a program or a process (threads are fine)"'
UID = ('S: "an unprivileged uid when the grader runs as root (65534, no groups ...)"; with a user '
       'namespace "the worker drops every capability in it before student code"')
STAGING = ('S: "Staged results (for --resume) and the outputs are written where no worker reaches '
           '(Landlock and read-only mounts ...), and --resume keeps only staged results signed with the '
           'staging folder\'s own key"; I: "Only the grader writes outputs and staging"')
COMPILED = ('S: "its tables are read-only, its frames cannot be read from a refusal\'s traceback, and '
            'code compiled under a library\'s or the grader\'s file name is refused"')
NOFOOL = ('S: the hook "uses only what it captured when it was installed, copies every path to a plain '
          'string before looking at it, follows chdir and dir_fd=, ... so a submission can neither fool '
          'it nor erase what it recorded"')
IMPORTS = ('S: denied at the Python level: "importing the libraries an assignment forbids (autograd '
           'frameworks ...)"; H: "the grader refuses submissions that import one"')
STUDENT = ('S: "The audit hook adds the friendly sentence for a refused attempt by the student\'s own '
           'code"; only "a library probing its surroundings on its own" is not held against the student')
LIMITS = ('S: "address-space, CPU-time, file-size, open-file and process limits, a process group and '
          'session of its own, death when the grader dies"')
HONEST = ('S: Landlock gives "read-write to the worker\'s own folder"; the hook denies only "writing '
          'outside its own temporary folder" and "follows chdir and dir_fd="')
REPORT = ('I: "A breach is seen from outside: ... or a refusal written to the report pipe as it happens '
          '(a pipe the worker can neither close nor replace)"')
UNDOC_TIMING = ('no promise of the documentation covers a timing or load covert channel (the namespaces '
                'isolate objects, not CPU time or the machine\'s free memory), so what the reader earns '
                'is bounded only by what the payload carries: the body of G, at most the calculus group '
                '(3 points)')
CHEAT = ('the calculus.py of this case holds no correct code: its 6 points (calculus 3 + numerical 3) '
         'can only come from a stolen reference solution, hence max_total 14')
READER0 = 'the reader holds no correct code, so any point it earns came through the channel: max_total 0'
BREACH = ('a step that gets through where the documentation says it cannot makes the case exit at once '
          'with code 86, which reads as crashed (not accepted)')

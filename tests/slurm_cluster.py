"""A one-node Slurm of the system's slurm-wlm and munge, for the kit's tests.

``unavailable()`` installs the packages where it may (root, Debian's apt) and otherwise says in
one line why no cluster can run here. ``Cluster(folder)`` keeps everything of its own in
``folder``: munge's key, socket, seed and log, slurm.conf, slurmctld's state, slurmd's spool, the
daemons' logs and pid files. Its two ports are free ones chosen when it starts; the node has no
memory configured, as a site's slurm.conf may not. ``stop()`` cancels its jobs and ends every
process it started: the daemons, and the job steps and jobs under them, found by the marker
variable they all carry in their environment.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PACKAGES = ("slurm-wlm", "munge")
PROGRAMS = ("munged", "slurmctld", "slurmd", "sbatch", "scontrol", "scancel")
SEARCH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin", "/usr/bin"])
MARKER = "NNGRADER_TEST_SLURM"
INSTALL_SECONDS = 300
# Docker images keep a policy-rc.d that stops package scripts from starting daemons; a machine
# without one would start Debian's own munged and slurmd, which would outlive the tests.
POLICY_RC_D = Path("/usr/sbin/policy-rc.d")


def program(name: str) -> str | None:
    return shutil.which(name, path=SEARCH)


def unavailable() -> str | None:
    """None when a cluster can run here (installing slurm-wlm and munge first when they are
    missing); otherwise why not, in one line."""
    if not sys.platform.startswith("linux"):
        return f"Slurm's daemons run on Linux, not {sys.platform}"
    if os.geteuid() != 0:
        return "a one-node Slurm runs its daemons as root, and these tests do not run as root"
    if all(map(program, PROGRAMS)):
        return None
    if not (program("apt-get") and Path("/etc/debian_version").is_file()):
        return f"{' and '.join(PACKAGES)} are not installed, and this is no Debian with apt-get to install them"
    why = _install()
    if why:
        return f"{' and '.join(PACKAGES)} could not be installed: {why}"
    missing = [p for p in PROGRAMS if not program(p)]
    return f"{', '.join(missing)} still missing after installing {' and '.join(PACKAGES)}" if missing else None


def _install() -> str | None:
    """apt-get install the packages (after apt-get update when the first try fails); the last
    error line, or None."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    made_policy = False
    if not POLICY_RC_D.exists():
        POLICY_RC_D.write_text("#!/bin/sh\nexit 101\n")
        POLICY_RC_D.chmod(0o755)
        made_policy = True
    try:
        install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES]
        why = None
        for steps in ([install], [["apt-get", "update", "-q"], install]):
            why = None
            for step in steps:
                try:
                    proc = subprocess.run(step, env=env, capture_output=True, text=True, timeout=INSTALL_SECONDS,
                                          stdin=subprocess.DEVNULL)
                except subprocess.TimeoutExpired:
                    why = f"`{' '.join(step)}` took over {INSTALL_SECONDS} s"
                    break
                if proc.returncode != 0:
                    lines = (proc.stderr or proc.stdout).strip().splitlines()
                    why = lines[-1] if lines else f"`{' '.join(step)}` exited {proc.returncode}"
                    break
            if why is None:
                return None
        return why
    finally:
        if made_policy:
            POLICY_RC_D.unlink(missing_ok=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """slurmctld and slurmd on this machine, one partition of one node, munge beside them."""

    def __init__(self, folder: Path, cpus: int = 2):
        self.folder = Path(folder)
        self.cpus = cpus
        self.conf = self.folder / "slurm.conf"
        self.daemons: list[subprocess.Popen] = []
        self.host = socket.gethostname().split(".")[0]

    def env(self, **extra) -> dict:
        """The environment of a command that talks to this cluster (sbatch, scontrol)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLURM_", "SBATCH_"))}
        env.update(SLURM_CONF=str(self.conf), PATH=SEARCH, **{MARKER: str(self.folder)})
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def start(self, timeout: float = 30) -> None:
        for name in ("state", "spool", "munge"):
            (self.folder / name).mkdir(mode=0o700, exist_ok=True)
        munge = self.folder / "munge"
        key = munge / "munge.key"
        key.write_bytes(secrets.token_bytes(1024))
        key.chmod(0o400)
        self.socket = munge / "munge.socket"
        self._daemon(["munged", "--foreground", "--force", f"--socket={self.socket}", f"--key-file={key}",
                      f"--pid-file={munge / 'munged.pid'}", f"--seed-file={munge / 'munged.seed'}",
                      f"--log-file={munge / 'munged.log'}"], munge / "munged.out")
        self._wait(lambda: self.socket.exists(), timeout, "munged's socket")
        self.conf.write_text(self.configuration())
        self._daemon(["slurmctld", "-D", "-i", "-f", str(self.conf)], self.folder / "slurmctld.out")
        self._daemon(["slurmd", "-D", "-f", str(self.conf)], self.folder / "slurmd.out")
        self._wait(lambda: self.node_state() in ("IDLE", "MIXED", "ALLOCATED"), timeout, "the node to be up")

    def configuration(self) -> str:
        f = self.folder
        return "\n".join([
            "ClusterName=nngrader-test",
            f"SlurmctldHost={self.host}(127.0.0.1)",
            "SlurmUser=root", "SlurmdUser=root",
            f"SlurmctldPort={free_port()}", f"SlurmdPort={free_port()}",
            "AuthType=auth/munge", "CredType=cred/munge", f"AuthInfo=socket={self.socket}",
            f"StateSaveLocation={f / 'state'}", f"SlurmdSpoolDir={f / 'spool'}",
            f"SlurmctldPidFile={f / 'slurmctld.pid'}", f"SlurmdPidFile={f / 'slurmd.pid'}",
            f"SlurmctldLogFile={f / 'slurmctld.log'}", f"SlurmdLogFile={f / 'slurmd.log'}",
            "SlurmctldDebug=info", "SlurmdDebug=info",
            # No cgroups: a container has no systemd to delegate them.
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none", "JobCompType=jobcomp/none", "MpiDefault=none",
            "SelectType=select/cons_tres", "SelectTypeParameters=CR_CPU",
            "ReturnToService=2", "MinJobAge=600",
            # The node's CPUs as configured, whatever this machine has: the parts' requests fit it.
            "SlurmdParameters=config_overrides",
            f"NodeName={self.host} NodeAddr=127.0.0.1 CPUs={self.cpus} State=UNKNOWN",
            f"PartitionName=test Nodes={self.host} Default=YES MaxTime=INFINITE State=UP",
            ""])

    def _daemon(self, cmd: list[str], log: Path) -> None:
        with open(log, "wb") as out:
            self.daemons.append(subprocess.Popen([program(cmd[0]), *cmd[1:]], env=self.env(), stdout=out,
                                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                 start_new_session=True))

    def _wait(self, ready, timeout: float, what: str) -> None:
        end = time.monotonic() + timeout
        while not ready():
            dead = [d for d in self.daemons if d.poll() is not None]
            if dead or time.monotonic() > end:
                raise RuntimeError(f"waiting for {what}: " + ("; ".join(f"{d.args[0]} exited {d.returncode}"
                                                                     for d in dead) or "timed out")
                                   + "\n" + self.logs())
            time.sleep(0.2)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.folder.rglob("*")) if p.suffix in (".log", ".out") and p.is_file())

    def scontrol(self, *args: str) -> str:
        proc = subprocess.run(["scontrol", *args], env=self.env(), capture_output=True, text=True, timeout=30)
        return proc.stdout if proc.returncode == 0 else ""

    def node_state(self) -> str:
        m = re.search(r"\bState=([A-Z]+)", self.scontrol("show", "node", self.host))
        return m.group(1) if m else ""

    def jobs(self, job: str) -> list[dict]:
        """The records of ``job`` (one per task of an array job): scontrol's fields by name."""
        return [dict(re.findall(r"(\w+)=(\S*)", line)) for line in self.scontrol("-o", "show", "job", job).splitlines()
                if line.strip()]

    def stop(self) -> None:
        if self.conf.exists():
            subprocess.run(["scancel", "--user=root", "--full"], env=self.env(), capture_output=True, timeout=30)
        for d in self.daemons:
            if d.poll() is None:
                d.terminate()
        for d in self.daemons:
            try:
                d.wait(timeout=15)
            except subprocess.TimeoutExpired:
                d.kill()
                d.wait()
        for pid in marked(self.folder):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def marked(folder: Path) -> list[int]:
    """The processes whose environment carries the marker of the cluster in ``folder`` (this one aside)."""
    found = []
    needle = f"{MARKER}={folder}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found

#!/bin/bash
# Grading one assignment in N parts on Slurm: an array job of N tasks, one part each
# (recipes/slurm/grade.sbatch), and a merge job (merge.sbatch) that starts once every part has
# succeeded and is cancelled when one has failed. Run it from any folder:
#
#   ASSIGNMENT=hw4_mlp SUBMISSIONS=~/course/hw4 ~/nngrader/recipes/slurm/submit.sh 8
#
# What it reads, with its default (docs/scaling.md, "Slurm", says more); a relative path is taken
# from the folder it is run in, and the jobs run in the kit's folder, which the compute nodes
# must see at the same path, with its .venv:
#   N (the argument)  how many parts                                  4
#   ASSIGNMENT        the assignment                                  hw4_mlp
#   SUBMISSIONS       its folder of submissions                       <kit>/submissions/<assignment>
#   SHARDS_DIR        the parts' grades: <SHARDS_DIR>/<K>/<assignment>/, replaced at each run
#                                                                     <kit>/shards
#   GRADES            the merged grades: <GRADES>/<assignment>/       <kit>/grades
#   LOGS              the jobs' logs                                  <kit>/logs
#   PYTHON            the Python with the kit's requirements          <kit>/.venv/bin/python
#   CPUS              CPUs of each part (its grade --jobs)            2
#   REPLACE=1         merge drops earlier grades of students these submissions lack
# sbatch's own variables pass through: SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_QOS,
# SBATCH_TIMELIMIT, SBATCH_MEM_PER_CPU (no memory is asked for otherwise).
set -euo pipefail
KIT=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.." && pwd)
here=$PWD
say() { echo "submit.sh: $*" >&2; }
absolute() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s' "$here/$1" ;; esac; }

N=${1:-4}
case $N in '' | *[!0-9]* | 0*) say "N must be a whole number of parts from 1 (got '$N'): submit.sh [N]"; exit 2 ;; esac
export SHARDS=$N
export ASSIGNMENT=${ASSIGNMENT:-hw4_mlp}
SUBMISSIONS=$(absolute "${SUBMISSIONS:-$KIT/submissions/$ASSIGNMENT}")
SHARDS_DIR=$(absolute "${SHARDS_DIR:-$KIT/shards}")
GRADES=$(absolute "${GRADES:-$KIT/grades}")
LOGS=$(absolute "${LOGS:-$KIT/logs}")
PYTHON=${PYTHON:-$KIT/.venv/bin/python}
case $PYTHON in */*) PYTHON=$(absolute "$PYTHON") ;; esac
CPUS=${CPUS:-2}
case $CPUS in '' | *[!0-9]* | 0*) say "CPUS must be a whole number of CPUs per part from 1 (got '$CPUS')"; exit 2 ;; esac
export SUBMISSIONS SHARDS_DIR GRADES PYTHON REPLACE=${REPLACE:-}

# What would make every part fail is said here, once, before anything is queued.
[ -d "$SUBMISSIONS" ] || { say "no folder $SUBMISSIONS: set SUBMISSIONS to the folder of $ASSIGNMENT's submissions"; exit 2; }
command -v "$PYTHON" >/dev/null || { say "no Python at $PYTHON: run make in $KIT first (it makes .venv), or set PYTHON"; exit 2; }
mkdir -p "$LOGS" "$SHARDS_DIR" "$GRADES"

array=$(sbatch --parsable --chdir="$KIT" --array=1-"$N" --cpus-per-task="$CPUS" \
    --output="$LOGS/grade-%A_%a.log" "$KIT/recipes/slurm/grade.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --chdir="$KIT" --dependency=afterok:"$array" \
    --output="$LOGS/merge-%j.log" "$KIT/recipes/slurm/merge.sbatch") ||
    { say "the merge was not queued, so the parts are cancelled (scancel $array)"; scancel "$array"; exit 1; }
merge=${merge%%;*}
echo "grade: job $array, parts 1-$N of $ASSIGNMENT into $SHARDS_DIR/<K>/$ASSIGNMENT (logs: $LOGS/grade-${array}_<K>.log)"
echo "merge: job $merge, once every part has succeeded, into $GRADES/$ASSIGNMENT (log: $LOGS/merge-$merge.log)"

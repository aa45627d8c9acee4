#!/bin/bash
# Grading one assignment in N parts on Slurm: an array job of N tasks, one part each, and a merge
# job that starts once every task has succeeded. Run from the kit's checkout (with solutions/ and
# the .venv that `make` makes), on a file system the compute nodes share:
#
#   ASSIGNMENT=hw4_mlp SUBMISSIONS=~/course/hw4 recipes/slurm/submit.sh 8
#
# The environment (ASSIGNMENT, SUBMISSIONS, SHARDS_DIR, GRADES) goes with the jobs (sbatch's
# default --export=ALL). Empty SHARDS_DIR first: merge takes every part found there.
set -euo pipefail
N=${1:-4}
mkdir -p logs
jobid=$(sbatch --parsable --array=1-"$N" recipes/slurm/grade.sbatch)
sbatch --parsable --dependency=afterok:"${jobid%%;*}" recipes/slurm/merge.sbatch

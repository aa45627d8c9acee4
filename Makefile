# Every target installs what it needs into .venv/ on first use; a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Requirements come from pyproject.toml, the one list of them: $(call REQS) or $(call REQS,extra ...).
REQS = $$($(PY) -m grader.requirements $(1))
PIP = $(PY) -m pip install --quiet --disable-pip-version-check
# $(call q,TEXT): TEXT as one shell word, single-quoted ('\'' for a quote in it), so a variable is data.
q = '$(subst ','\'',$(1))'
# $(call qs,WORDS): each of WORDS quoted, for a variable that lists several (STUDENT, SHARDS).
qs = $(foreach w,$(1),$(call q,$(w)))

ASSIGNMENT ?=
SUBMISSIONS ?=
FORMAT ?= github
JOBS ?=
# STUDENT=carol (or STUDENT="carol dave"): regrade those students only, merged into the earlier grades.
STUDENT ?=
# ROSTER=roster.csv: every student of a roster, for `make worksheet`.
ROSTER ?=
# REPLACE=1: replace the earlier grades even when this run has no submission of some students they hold.
REPLACE ?=
# OUT=<folder>: where `make grade` and `make merge` write, one folder per assignment (default: grades/).
OUT ?=
# RESUME=1: keep what a stopped `make grade` graded and grade only the rest.
RESUME ?=
# SEED=<salt>: the salt of the per-student random cases, for grade, merge, gradescope and worksheet.
SEED ?=
# SHARD=K/N: grade only the K-th of N parts of the submissions (K from 1 to N), for `make merge`.
SHARD ?=
# SHARDS="dir1 dir2 ...": the folders `make grade SHARD=K/N` wrote, one per K, for `make merge`.
SHARDS ?=
# COURSE=course.yaml: grade the course's assignments under its roster, due dates, extensions, late
# policy and overrides into grades/<the course file's folder name>/, exports in its course/ (docs/course.md).
COURSE ?=
# EXPORT=canvas|moodle|csv|sheet: which export `make export` writes.
EXPORT ?= canvas
# MOODLE_WORKSHEET=<file>: the assignment's grading worksheet downloaded from Moodle, for `make feedback`'s moodle.zip.
MOODLE_WORKSHEET ?=
# NAME=<name>: the assignment `make new` writes. Taken from make's command line only: some systems (WSL)
# set NAME in the environment, and a makefile's own assignment outranks the environment's.
NAME :=
# What a user gives is text, never make syntax: each variable as written, expanded no further.
DATA := ASSIGNMENT SUBMISSIONS FORMAT JOBS STUDENT ROSTER REPLACE OUT RESUME SEED SHARD SHARDS COURSE EXPORT MOODLE_WORKSHEET NAME
$(foreach v,$(DATA),$(eval override $(v) := $$(value $(v))))
GRADE_ARGS = $(if $(ASSIGNMENT),--assignment $(call q,$(ASSIGNMENT))) \
	$(if $(SUBMISSIONS),--submissions $(call q,$(SUBMISSIONS))) --format $(call q,$(FORMAT)) \
	$(if $(JOBS),--jobs $(call q,$(JOBS))) $(foreach s,$(STUDENT),--student $(call q,$(s))) $(if $(REPLACE),--replace) \
	$(if $(SHARD),--shard $(call q,$(SHARD))) $(if $(COURSE),--course $(call q,$(COURSE))) \
	$(if $(OUT),--out $(call q,$(OUT))) $(if $(RESUME),--resume) $(SEED_ARG)
SEED_ARG = $(if $(SEED),--seed $(call q,$(SEED)))
# The grader's command line, told that make started it: its refusals then name make's variables
# (REPLACE=1) where they would name options (--replace).
GRADER = NNGRADER_VIA_MAKE=1 $(PY) -m grader

.PHONY: grade merge export feedback similarity test check assignments new release gradescope worksheet bench clean clean-grades

# grade and merge draw histogram.png with matplotlib (the plots extra); check stays light for students.
grade: $(VENV)/.installed-plots
	$(GRADER) grade $(GRADE_ARGS)

# The shards' folders joined into grades/<assignment>/, what one run over everyone writes (with COURSE=:
# the course's rows and exports, in grades/<the course file's folder name>/).
merge: $(VENV)/.installed-plots
	@test -n $(call q,$(SHARDS)) || (echo 'usage: make merge SHARDS="dir1 dir2 ..." [ASSIGNMENT=<name>] [COURSE=<course.yaml>]'; exit 2)
	$(GRADER) merge $(call qs,$(SHARDS)) $(if $(ASSIGNMENT),--assignment $(call q,$(ASSIGNMENT))) \
		--format $(call q,$(FORMAT)) $(if $(REPLACE),--replace) $(if $(OUT),--out $(call q,$(OUT))) $(SEED_ARG) \
		$(if $(COURSE),--course $(call q,$(COURSE))) $(if $(SUBMISSIONS),--submissions $(call q,$(SUBMISSIONS)))

# One export of a course's grades (grade with COURSE= first): make export COURSE=course.yaml EXPORT=moodle
export: $(VENV)/.installed
	@test -n $(call q,$(COURSE)) || (echo "usage: make export COURSE=<course.yaml> [EXPORT=canvas|moodle|csv|sheet]"; exit 2)
	$(GRADER) export $(call q,$(EXPORT)) --course $(call q,$(COURSE)) $(if $(ASSIGNMENT),--assignment $(call q,$(ASSIGNMENT)))

# Each student's feedback to send outside Gradescope (docs/feedback.md), from grades already graded:
# make feedback ASSIGNMENT=hw2_compgraph, or COURSE=course.yaml [ASSIGNMENT=...] [MOODLE_WORKSHEET=<file>]
FEEDBACK_ARGS = $(if $(ASSIGNMENT),--assignment $(call q,$(ASSIGNMENT))) $(if $(COURSE),--course $(call q,$(COURSE))) \
	$(if $(MOODLE_WORKSHEET),--moodle-worksheet $(call q,$(MOODLE_WORKSHEET)))
feedback: $(VENV)/.installed
	@test -n $(call q,$(ASSIGNMENT)$(COURSE)) || \
		(echo "usage: make feedback ASSIGNMENT=<name> | COURSE=<course.yaml> [ASSIGNMENT=<name>] [MOODLE_WORKSHEET=<file>]"; exit 2)
	$(GRADER) feedback $(FEEDBACK_ARGS)

# Pairs of submissions whose code is alike, for the staff: grades/similarity/<assignment>/similarity.html and .csv
similarity: $(VENV)/.installed-similarity
	@test -n $(call q,$(ASSIGNMENT)$(COURSE)) || (echo "usage: make similarity ASSIGNMENT=<name> [SUBMISSIONS=<folder>] | COURSE=<course.yaml>"; exit 2)
	$(GRADER) similarity $(if $(ASSIGNMENT),$(call q,$(ASSIGNMENT))) $(if $(SUBMISSIONS),--submissions $(call q,$(SUBMISSIONS))) \
		$(if $(COURSE),--course $(call q,$(COURSE)))

test: $(VENV)/.installed-test
	$(PY) -m pytest -q tests

check: $(VENV)/.installed
	@test -n $(call q,$(ASSIGNMENT)) || (echo "usage: make check ASSIGNMENT=<name>"; exit 2)
	@$(GRADER) check $(call q,$(ASSIGNMENT)) || { s=$$?; test $$s -ne 1 || echo "make check: the failed checks are listed above; the 'Error 1' make prints next means only that"; exit $$s; }

assignments: $(VENV)/.installed
	$(GRADER) assignments

# A new assignment that grades as it is, to edit into yours: make new NAME=tanh_layer (docs/authoring.md).
new: $(VENV)/.installed
	@test -n $(call q,$(NAME)) || (echo "usage: make new NAME=<name>"; exit 2)
	$(GRADER) new $(call q,$(NAME))

# ASSIGNMENT="hw1_derivatives hw2_compgraph": release only those (default: every assignment).
release: $(VENV)/.installed
	$(GRADER) release $(foreach a,$(ASSIGNMENT),--assignment $(call q,$(a)))

# Gradescope's autograder zip of one assignment: dist/gradescope/<assignment>.zip (staff only: hidden tests).
gradescope: $(VENV)/.installed
	@test -n $(call q,$(ASSIGNMENT)) || (echo "usage: make gradescope ASSIGNMENT=<name>"; exit 2)
	$(GRADER) gradescope --assignment $(call q,$(ASSIGNMENT)) $(if $(COURSE),--course $(call q,$(COURSE))) $(SEED_ARG)

# Students' own worksheets: make worksheet ASSIGNMENT=ws1_network_231 STUDENT="alice bob" (or ROSTER=roster.csv).
worksheet: $(VENV)/.installed
	@test -n $(call q,$(ASSIGNMENT)) -a -n $(call q,$(STUDENT)$(ROSTER)) || \
		(echo 'usage: make worksheet ASSIGNMENT=<worksheet> STUDENT="name ..." | ROSTER=<file>'; exit 2)
	$(GRADER) worksheet $(call q,$(ASSIGNMENT)) \
		$(if $(ROSTER),--all --roster $(call q,$(ROSTER)),$(foreach s,$(STUDENT),--student $(call q,$(s)))) $(SEED_ARG)

# Speed of the grader on this machine; prints a table (docs/speed.md).
bench: $(VENV)/.installed
	$(PY) -m grader.staff.bench

# A venv made without pip (Debian's python3 without python3-venv) is named, with the fix, in one line.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip --version >/dev/null 2>&1 || { echo "$(VENV)/ has no pip (its Python's venv module lacks ensurepip):" \
		"install your system's venv package (Debian, Ubuntu: apt install python3-venv), then rm -r $(VENV) and run make again"; exit 2; }
	$(PIP) $(call REQS)
	touch $@

$(VENV)/.installed-plots: $(VENV)/.installed
	$(PIP) $(call REQS,plots)
	touch $@

$(VENV)/.installed-similarity: $(VENV)/.installed
	$(PIP) $(call REQS,similarity)
	touch $@

# The kit's own tests also exercise the optional extras: plots (the hw4 command line's PNG),
# notebooks (a generated notebook run top to bottom in a Jupyter kernel) and similarity; test
# holds their own tools (the recipes' linters).
$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) $(call REQS,plots notebooks similarity test)
	touch $@

# What the kit made for itself: grades/ holds real grades and stays (`make clean-grades` removes it).
clean:
	rm -rf $(VENV) dist

clean-grades:
	rm -rf grades

#!/usr/bin/env python3
"""ctest deploy.workflow: the forge's CI/CD files (.github/workflows/) parse, have the original app's three phases
(CI on every push; PREPROD after a green CI on main; PROD by hand with a confirmation input) and call only commands
that exist: make targets of the Makefile, executable scripts of the repository with options their --help lists,
and a few shell built-ins. usage: workflow_test.py SOURCE_DIR"""
import os
import re
import shlex
import subprocess
import sys

try:
    import yaml
except ImportError:
    sys.exit("FAIL: python3-yaml is missing (apt-get install python3-yaml)")

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
BUILTINS = {"echo", "exit", "apt-get"}
# setup-node: Node.js >= 20 is a prerequisite scripts/bootstrap.sh checks but cannot install (Debian 12 has 18).
ACTIONS = {"actions/checkout@v4", "actions/setup-node@v4"}
checks = 0
failures = []


def check(condition, message):
    global checks
    if condition:
        checks += 1
    else:
        failures.append(message)


def make_targets():
    targets = set()
    with open(os.path.join(ROOT, "Makefile")) as f:
        for line in f:
            m = re.match(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", line)
            if m:
                targets.add(m.group(1))
    return targets


def script_options(path):
    out = subprocess.run([path, "--help"], capture_output=True, text=True, timeout=30)
    check(out.returncode == 0, f"{path} --help exits {out.returncode}")
    return set(re.findall(r"--[a-z][a-z-]*", out.stdout))


TARGETS = make_targets()
OPTIONS = {}


def check_command(where, words):
    program = words[0]
    if program == "make":
        goals = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        check(goals, f"{where}: bare 'make'")
        for goal in goals:
            check(goal in TARGETS, f"{where}: make target '{goal}' is not in the Makefile")
    elif "/" in program:
        path = os.path.join(ROOT, program)
        check(os.path.isfile(path) and os.access(path, os.X_OK), f"{where}: {program} is not an executable file of the repository")
        if os.path.isfile(path):
            if path not in OPTIONS:
                OPTIONS[path] = script_options(path)
            for word in words[1:]:
                if word.startswith("--"):
                    check(word.split("=")[0] in OPTIONS[path], f"{where}: {program} has no option {word}")
    else:
        check(program in BUILTINS, f"{where}: '{program}' is neither a make target, a script of the repository nor an allowed built-in")


def check_run(where, script):
    # GitHub expressions are replaced by a word; lines are split on && ; and |.
    script = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", script)
    for line in script.splitlines():
        for part in re.split(r"&&|\|\||;|\|", line):
            part = part.strip()
            if not part or part.startswith("#"):
                continue
            check_command(where, shlex.split(part))


def load(name):
    path = os.path.join(ROOT, ".github", "workflows", name)
    check(os.path.isfile(path), f"{path} is missing")
    with open(path) as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads the key `on` as true.
    doc["on"] = doc.pop(True, doc.get("on"))
    return doc


workflows = {}
for name in sorted(os.listdir(os.path.join(ROOT, ".github", "workflows"))):
    if not name.endswith((".yml", ".yaml")):
        continue
    doc = load(name)
    workflows[name] = doc
    check(isinstance(doc.get("jobs"), dict) and doc["jobs"], f"{name}: no jobs")
    for job_name, job in doc["jobs"].items():
        check("runs-on" in job, f"{name}/{job_name}: no runs-on")
        for i, step in enumerate(job.get("steps", [])):
            where = f"{name}/{job_name}/step {i + 1} ({step.get('name', step.get('uses', ''))})"
            check(("run" in step) != ("uses" in step), f"{where}: needs exactly one of run and uses")
            if "uses" in step:
                check(step["uses"] in ACTIONS, f"{where}: action {step['uses']} is not an allowed one")
            else:
                check_run(where, step["run"])

# The three phases.
ci = workflows.get("ci.yml", {})
check("push" in (ci.get("on") or {}), "ci.yml: not run on every push")
test_job = ci.get("jobs", {}).get("test", {})
check(any(s.get("run") == "make test" for s in test_job.get("steps", [])), "ci.yml: job test does not run 'make test'")
preprod = ci.get("jobs", {}).get("preprod", {})
check(preprod.get("needs") == "test", "ci.yml: job preprod does not need job test")
check("refs/heads/main" in str(preprod.get("if", "")), "ci.yml: job preprod is not limited to the main branch")
check(any(str(s.get("run", "")).startswith("deploy/deploy.sh preprod") for s in preprod.get("steps", [])),
      "ci.yml: job preprod does not run deploy/deploy.sh preprod")

prod_wf = workflows.get("deploy-prod.yml", {})
on = prod_wf.get("on") or {}
check(list(on) == ["workflow_dispatch"], f"deploy-prod.yml: must be started by hand only, not {list(on)}")
inputs = (on.get("workflow_dispatch") or {}).get("inputs", {})
check(inputs.get("confirm", {}).get("required") is True, "deploy-prod.yml: no required confirm input")
prod = prod_wf.get("jobs", {}).get("prod", {})
steps = prod.get("steps", [])
check(steps and "inputs.confirm" in str(steps[0].get("if", "")) and "exit 1" in str(steps[0].get("run", "")),
      "deploy-prod.yml: the first step does not stop on a missing confirmation")
deploy_steps = [i for i, s in enumerate(steps) if str(s.get("run", "")).startswith("deploy/deploy.sh prod ")]
check(len(deploy_steps) == 1 and deploy_steps[0] > 0, "deploy-prod.yml: no single deploy/deploy.sh prod step after the confirmation")

if failures:
    print("\n".join(f"FAIL: {f}" for f in failures), file=sys.stderr)
    sys.exit(1)
print(f"workflow test: {len(workflows)} workflows, {checks} checks passed")

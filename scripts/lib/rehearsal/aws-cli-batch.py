"""Runs several aws CLI commands in one process: the real CLI (awscli's own driver, the code the
`aws` command runs), started once instead of once per command. Reads a JSON list of argument
lists on stdin; writes a JSON list of {code, stdout, stderr} on stdout. Exits 3 when awscli is
not importable by this Python (then the caller runs `aws` once per command)."""
import io
import json
import sys

try:
    from awscli.clidriver import create_clidriver
except ImportError:
    sys.exit(3)

commands = json.load(sys.stdin)
driver = create_clidriver()
results = []
stdout, stderr = sys.stdout, sys.stderr
for args in commands:
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        code = driver.main(args)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    results.append({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
stdout.write(json.dumps(results))

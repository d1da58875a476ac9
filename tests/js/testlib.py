"""Shared pieces of tests/js/run and tests/js/gen-expected.

A test is tests/js/**/<name>.js; its expectation is <name>.expected: the
script's stdout, then, if it ended with an uncaught exception (or a load-time
SyntaxError), one last line `!! Name: message`. Header comments in the first
lines of the script:
  // runtime: cloudfront-js-1.0   run under runtime 1.0 (default 2.0)
  // brink-only                   expectation written by hand, not by node
  // exact-message                compare error messages, not only names
"""
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ERR_PREFIX = '!! '
TIMEOUT = 5


def find_tests(filters):
    """All test scripts (paths relative to tests/js), sorted, filtered by
    substring."""
    out = []
    for root, dirs, files in os.walk(HERE):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith('.js') or f == 'node-shim.js':
                continue
            rel = os.path.relpath(os.path.join(root, f), HERE)
            if rel.count(os.sep) == 0:
                continue  # top-level helpers are not tests
            if filters and not any(x in rel for x in filters):
                continue
            out.append(rel)
    return sorted(out)


def tags(path):
    """Header tags of a script: runtime, brink_only, exact_message."""
    t = {'runtime': 'cloudfront-js-2.0', 'brink_only': False,
         'exact_message': False}
    with open(path, encoding='utf-8', errors='replace') as f:
        for i, line in enumerate(f):
            if i >= 8:
                break
            m = re.match(r'\s*//\s*runtime:\s*(\S+)', line)
            if m:
                t['runtime'] = m.group(1)
            if re.match(r'\s*//\s*brink-only\b', line):
                t['brink_only'] = True
            if re.match(r'\s*//\s*exact-message\b', line):
                t['exact_message'] = True
    return t


def run(cmd, timeout=TIMEOUT):
    """Runs cmd; returns the transcript in .expected form, and a note
    (None when the process ended normally with exit 0 or 1)."""
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace')
        return out + '!! <timeout after %ds>\n' % timeout, 'timeout'
    out = p.stdout.decode('utf-8', 'replace')
    if out and not out.endswith('\n'):
        out += '\n'
    err = p.stderr.decode('utf-8', 'replace').split('\n', 1)[0]
    if p.returncode == 0:
        return out, None
    if p.returncode == 1:
        return out + ERR_PREFIX + err + '\n', None
    return (out + '!! <exit status %d> %s\n' % (p.returncode, err),
            'exit %d' % p.returncode)


def normalise(text, exact_message):
    """The transcript as compared: error lines reduced to the error name
    unless the test asks for the exact message."""
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    if not exact_message:
        lines = [l.split(':', 1)[0] if l.startswith(ERR_PREFIX) else l
                 for l in lines]
    return lines

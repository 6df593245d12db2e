"""stub"""
import sys

from . import repair


def main(argv=None) -> int:
    path = (argv or sys.argv[1:])[0]
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8", errors="replace").read()
    sys.stdout.write(repair(text))
    return 0

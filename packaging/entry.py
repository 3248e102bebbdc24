"""Entry point of the frozen (PyInstaller) app: the same command line as `mapper`."""
import sys

from mapper.cli import main

if __name__ == "__main__":
    sys.exit(main())

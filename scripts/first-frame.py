#!/usr/bin/env python3
# Measures how long kaizen takes from exec to its first complete frame in a real pseudo-terminal.
# Usage: scripts/first-frame.py target/release/kaizen 30
import os, pty, sys, time, tempfile, fcntl, termios, struct
binary = sys.argv[1]; runs = int(sys.argv[2])
d = tempfile.mkdtemp()
env = dict(os.environ, XDG_DATA_HOME=d, XDG_CONFIG_HOME=d, TERM="xterm-256color")
times = []
for i in range(runs):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(binary, [binary], env)
    t0 = time.monotonic()
    buf = b""
    deadline = time.monotonic() + 5
    # The frame ends with the footer's "quit" and then hiding the cursor.
    while not (b"quit" in buf and buf.rstrip().endswith(b"\x1b[?25l")):
        if time.monotonic() > deadline:
            sys.exit("no frame; got: %r" % buf[-300:])
        buf += os.read(fd, 65536)
    times.append((time.monotonic() - t0) * 1000)
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536): pass
    except OSError: pass
    os.waitpid(pid, 0)
times.sort()
print(f"first frame: median {times[len(times)//2]:.1f} ms, min {times[0]:.1f}, max {times[-1]:.1f} over {runs} runs")

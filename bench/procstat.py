"""What /proc says about a process, for the benchmark scripts: resident and peak memory, open descriptors."""
import os


def status_mb(pid, field):
    """A /proc/PID/status memory field (VmRSS, VmHWM) in MB; 0 when absent."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mb(pid):
    return status_mb(pid, "VmRSS")


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))

package org.stacklab.probe.bpf;

/**
 * A libbpf call failed. Carries the errno and what libbpf printed, and says in plain words what
 * usually fixes it.
 */
public final class BpfException extends Exception {

    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;

    private final int errno;
    private final String libbpfLog;

    /** Called from native code. */
    public BpfException(String what, int errno, String libbpfLog) {
        super(what + ": " + explain(errno));
        this.errno = errno;
        this.libbpfLog = libbpfLog == null ? "" : libbpfLog.strip();
    }

    public int errno() {
        return errno;
    }

    /** What libbpf printed while it failed (warnings, the verifier's log). */
    public String libbpfLog() {
        return libbpfLog;
    }

    private static String explain(int errno) {
        return switch (errno) {
            case EPERM, EACCES -> "permission denied (errno " + errno + "): loading eBPF programs needs root, or"
                    + " CAP_BPF, CAP_PERFMON and CAP_NET_ADMIN; run as root";
            case ENOENT -> "not found (errno " + errno + ")";
            case EINVAL -> "invalid argument (errno " + errno + "): the kernel refused it; see libbpf's log";
            default -> "errno " + errno;
        };
    }
}

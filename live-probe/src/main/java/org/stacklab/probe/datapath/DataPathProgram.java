package org.stacklab.probe.datapath;

import java.util.Optional;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;

/**
 * An eBPF program of a mode's data path, loaded and attached to a running lab (socket-level
 * redirect today), as opposed to the path probe that watches it. A program whose work the
 * tracepoints cannot see (a redirected message never reaches TCP) writes events of its own while
 * the probe watches. Closing detaches and unloads it.
 */
public interface DataPathProgram extends AutoCloseable {

    /** The object whose ring buffer holds the program's own events, if it writes any. */
    default Optional<BpfObject> events() {
        return Optional.empty();
    }

    /** Starts (or stops) writing those events: only while the path probe watches, so that they cost nothing else. */
    default void watch(boolean on) throws BpfException {
    }

    @Override
    void close();
}

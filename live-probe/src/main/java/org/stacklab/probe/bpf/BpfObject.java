package org.stacklab.probe.bpf;

import java.nio.file.Path;

/**
 * A loaded BPF object file (its programs and maps). Closing it unloads everything that no link
 * or attachment still holds; close the links first.
 */
public final class BpfObject implements AutoCloseable {

    private final String name;
    private long handle;

    private BpfObject(String name, long handle) {
        this.name = name;
        this.handle = handle;
    }

    /** Opens and loads an object; the verifier checks every program now. */
    public static BpfObject load(Path file) throws BpfException {
        return new BpfObject(file.getFileName().toString(), Libbpf.open(file.toString()));
    }

    /** Attaches a program where its section says (tp_btf, tracepoint, ...). */
    public BpfLink attach(String program) throws BpfException {
        return new BpfLink(name + ":" + program, Libbpf.attach(live(), program));
    }

    /** Attaches a sock_ops (or other cgroup) program to a cgroup v2 directory. */
    public BpfLink attachToCgroup(String program, Path cgroup) throws BpfException {
        return new BpfLink(name + ":" + program + "@" + cgroup,
                Libbpf.attachCgroup(live(), program, cgroup.toString()));
    }

    /** Attaches an sk_msg program to a SOCKHASH; closing the result detaches it. */
    public AutoCloseable attachSkMsg(String program, String map) throws BpfException {
        long object = live();
        Libbpf.attachSkMsg(object, program, map, true);
        return () -> Libbpf.attachSkMsg(object, program, map, false);
    }

    public void mapUpdate(String map, byte[] key, byte[] value) throws BpfException {
        Libbpf.mapUpdate(live(), map, key, value);
    }

    /** Reads a map entry into {@code value}; false if there is none. */
    public boolean mapLookup(String map, byte[] key, byte[] value) throws BpfException {
        return Libbpf.mapLookup(live(), map, key, value);
    }

    public RingBufferReader ringBuffer(String map, int recordSize) throws BpfException {
        return new RingBufferReader(Libbpf.ringBufferOpen(live(), map), recordSize);
    }

    private long live() {
        if (handle == 0) {
            throw new IllegalStateException(name + " is closed");
        }
        return handle;
    }

    @Override
    public void close() {
        if (handle != 0) {
            Libbpf.close(handle);
            handle = 0;
        }
    }
}

package org.stacklab.probe.bpf;

/** An attached program; closing it detaches the program. */
public final class BpfLink implements AutoCloseable {

    private final String description;
    private long handle;

    BpfLink(String description, long handle) {
        this.description = description;
        this.handle = handle;
    }

    @Override
    public void close() {
        if (handle != 0) {
            Libbpf.destroyLink(handle);
            handle = 0;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}

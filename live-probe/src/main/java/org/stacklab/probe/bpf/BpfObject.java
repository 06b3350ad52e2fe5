package org.stacklab.probe.bpf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Attaches a tc program to the ingress of a device in another network namespace (its path, as
     * {@code /run/netns/NAME}); closing detaches it.
     */
    public AutoCloseable attachTcIngress(String program, Path netns, String device) throws BpfException {
        long attachment = Libbpf.attachTcIngress(live(), program, netns.toString(), device);
        return () -> Libbpf.detachTc(attachment);
    }

    /** A {@code __u32} key or value as the kernel reads it: four bytes in native order. */
    public static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    public void mapUpdate(String map, byte[] key, byte[] value) throws BpfException {
        Libbpf.mapUpdate(live(), map, key, value);
    }

    /** Reads a map entry into {@code value}; false if there is none. */
    public boolean mapLookup(String map, byte[] key, byte[] value) throws BpfException {
        return Libbpf.mapLookup(live(), map, key, value);
    }

    /**
     * Reads a per-CPU map's entry: one value of {@code valueSize} bytes for each possible CPU, in
     * native byte order; empty if there is none.
     */
    public List<ByteBuffer> mapLookupPerCpu(String map, byte[] key, int valueSize) throws BpfException {
        int stride = (valueSize + 7) & ~7; // the kernel pads each CPU's value to 8 bytes
        int cpus = possibleCpus();
        byte[] all = new byte[stride * cpus];
        if (!mapLookup(map, key, all)) {
            return List.of();
        }
        List<ByteBuffer> values = new ArrayList<>(cpus);
        for (int cpu = 0; cpu < cpus; cpu++) {
            values.add(ByteBuffer.wrap(all, cpu * stride, valueSize).slice().order(ByteOrder.nativeOrder()));
        }
        return values;
    }

    /** How many CPUs the kernel may bring up: the highest number in /sys/devices/system/cpu/possible, plus one. */
    static int possibleCpus() throws BpfException {
        try {
            String list = Files.readString(Path.of("/sys/devices/system/cpu/possible")).strip();
            int highest = 0;
            for (String range : list.split(",")) {
                String[] ends = range.split("-");
                highest = Math.max(highest, Integer.parseInt(ends[ends.length - 1]));
            }
            return highest + 1;
        } catch (IOException | NumberFormatException e) {
            throw new BpfException("cannot read the possible CPUs (/sys/devices/system/cpu/possible): " + e.getMessage(),
                    0, "");
        }
    }

    /**
     * A reader of the ring buffer {@code map}, whose samples are whole records of {@code recordSize} bytes, up to
     * {@code largestSample} bytes at a time.
     */
    public RingBufferReader ringBuffer(String map, int recordSize, int largestSample) throws BpfException {
        return new RingBufferReader(Libbpf.ringBufferOpen(live(), map), recordSize, largestSample);
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

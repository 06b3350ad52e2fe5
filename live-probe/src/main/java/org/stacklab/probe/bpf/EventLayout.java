package org.stacklab.probe.bpf;

import java.util.Arrays;

/**
 * Where the fields of {@code struct stacklab_event} and {@code struct stacklab_batch}
 * (bpf/include/stacklab.h) lie in the bytes the programs write. The JNI bridge is compiled with
 * the header and reports the layout it saw ({@link #checkBridge}), so a header changed on one side
 * only is found as the probe starts, not as wrong figures.
 */
public final class EventLayout {

    /** sizeof(struct stacklab_event). */
    public static final int EVENT_SIZE = 48;
    public static final int KTIME_NS = 0;
    public static final int OBJECT = 8;
    public static final int KIND = 16;
    public static final int CPU = 20;
    public static final int TGID = 24;
    public static final int NETNS = 28;
    public static final int IFINDEX = 32;
    public static final int LENGTH = 36;
    /** The CPUs idle as a reader was woken (sk_data_ready events), bit i for CPU i. */
    public static final int IDLE_CPUS = 40;
    /** SL_BATCH: events a CPU gathers before writing them in one piece. */
    public static final int BATCH = 16;
    /** sizeof(struct stacklab_batch): count, busy, lost, then the events. */
    public static final int BATCH_SIZE = 16 + BATCH * EVENT_SIZE;
    public static final int BATCH_COUNT = 0;
    public static final int BATCH_LOST = 8;
    public static final int BATCH_EVENTS = 16;
    /** The largest sample the programs write to the ring buffer: a CPU's whole batch of events (its events array). */
    public static final int LARGEST_SAMPLE = BATCH * EVENT_SIZE;

    private EventLayout() {
    }

    /** The layout in the order the bridge reports it. */
    static int[] expected() {
        return new int[] {EVENT_SIZE, KTIME_NS, OBJECT, KIND, CPU, TGID, NETNS, IFINDEX, LENGTH, IDLE_CPUS, BATCH_SIZE,
                BATCH_COUNT,
                BATCH_LOST, BATCH_EVENTS, BATCH};
    }

    /**
     * Compares the bridge's layout with this one.
     *
     * @throws BpfException if they differ (the native part was built from another header)
     */
    public static void checkBridge() throws BpfException {
        int[] bridge = Libbpf.layout();
        if (!Arrays.equals(bridge, expected())) {
            throw new BpfException("the JNI bridge was built with another bpf/include/stacklab.h: its event layout is "
                    + Arrays.toString(bridge) + ", Java's " + Arrays.toString(expected()) + "; rebuild (./stacklab setup)",
                    0, "");
        }
    }
}

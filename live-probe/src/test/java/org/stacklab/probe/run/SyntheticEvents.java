package org.stacklab.probe.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.stacklab.probe.bpf.EventKind;
import org.stacklab.probe.bpf.EventLayout;

/**
 * An event log written as the kernel would, one event at a time in struct stacklab_event's layout,
 * for tests that read the probe's events without a kernel. Time advances by a microsecond an event
 * unless told otherwise.
 */
final class SyntheticEvents {

    /** Namespace inode numbers of a direct mode's three namespaces, as events carry them. */
    static final int CLIENT_POD = 101;
    static final int NODE = 102;
    static final int SERVER_POD = 103;
    static final int VETH = 7;

    private final EventLog log = new EventLog();
    private long now = 1_000_000;

    EventLog log() {
        return log;
    }

    private int idleCpus;

    /** The CPUs idle at the wake-ups that follow (bit i: CPU i), as the probe's sched_switch program keeps them. */
    SyntheticEvents idle(int cpus) {
        idleCpus = cpus;
        return this;
    }

    /** Moves the clock on. */
    SyntheticEvents after(long ns) {
        now += ns;
        return this;
    }

    SyntheticEvents event(EventKind kind, int tgid, int cpu, int netns, int ifindex, int length) {
        ByteBuffer record = ByteBuffer.allocate(EventLayout.EVENT_SIZE).order(ByteOrder.nativeOrder());
        record.putLong(EventLayout.KTIME_NS, now).putLong(EventLayout.OBJECT, 0xABCD)
                .putInt(EventLayout.KIND, kind.code()).putInt(EventLayout.CPU, cpu).putInt(EventLayout.TGID, tgid)
                .putInt(EventLayout.NETNS, netns).putInt(EventLayout.IFINDEX, ifindex)
                .putInt(EventLayout.LENGTH, length)
                .putInt(EventLayout.IDLE_CPUS, kind == EventKind.SK_DATA_READY ? idleCpus : 0);
        log.accept(record);
        now += 1000;
        return this;
    }

    /**
     * One message of {@code payload} bytes from {@code sender} to {@code reader} over TCP: its send, its
     * packet queued and received on the sender's veth, forwarded by the node (queued and received again),
     * the reader woken and its read; each step 1 µs after the last.
     */
    SyntheticEvents overVeth(int sender, int senderNetns, int reader, int readerNetns, int cpu, int payload) {
        return event(EventKind.TCP_SENDMSG, sender, cpu, senderNetns, 0, payload)
                .event(EventKind.NET_DEV_QUEUE, sender, cpu, senderNetns, VETH, EventLog.DataPackets.atDeviceQueue(payload))
                .event(EventKind.NETIF_RECEIVE, sender, cpu, NODE, VETH + 1, EventLog.DataPackets.atReceive(payload))
                .event(EventKind.NET_DEV_QUEUE, sender, cpu, NODE, VETH + 2, EventLog.DataPackets.atDeviceQueue(payload))
                .event(EventKind.NETIF_RECEIVE, sender, cpu, readerNetns, VETH + 3,
                        EventLog.DataPackets.atReceive(payload))
                .event(EventKind.SK_DATA_READY, sender, cpu, readerNetns, 0, 0)
                .event(EventKind.SOCK_RECV, reader, cpu, readerNetns, 0, payload);
    }

    /** One message redirected socket to socket by the sk_msg program: the verdict, the reader woken, its read. */
    SyntheticEvents redirected(int sender, int reader, int netns, int senderCpu, int readerCpu, int payload) {
        return event(EventKind.MSG_REDIRECT, sender, senderCpu, netns, 0, payload)
                .event(EventKind.SK_DATA_READY, sender, senderCpu, netns, 0, 0)
                .event(EventKind.SOCK_RECV, reader, readerCpu, netns, 0, payload);
    }
}

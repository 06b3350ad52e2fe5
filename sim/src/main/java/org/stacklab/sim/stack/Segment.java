package org.stacklab.sim.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a one-way trip that both the simulator and the live probe can time: each begins
 * and ends at a point the probe observes in the kernel, so that measured and simulated time can be
 * laid side by side stage group by stage group. A request's segments add up to its latency.
 */
public enum Segment {
    /**
     * From a read returning to the next write's system call, in an application (client or server).
     * Observed from sock:sock_recv_length to the send's start (tcp_sendmsg_locked, or the sk_msg verdict
     * where redirected).
     */
    APP("apps", "the apps' work (user space)"),
    /** The same interval in a proxy: its work on a message it forwards (user space). */
    PROXY("proxies", "the proxies' work (user space)"),
    /**
     * The kernel's send path up to the device, or (redirected) up to the peer socket. Observed from the
     * send's start to net:net_dev_queue, or to sock:sk_data_ready where redirected.
     */
    SEND("send", "send path (socket, TCP, IP, netfilter out; or sk_msg redirect)"),
    /**
     * Device transmit, softirq receive and the node's forwarding, for every device crossed. Observed from
     * net:net_dev_queue to the last net:netif_receive_skb.
     */
    DEVICE("devices", "devices and forwarding (lo, veth, node)"),
    /**
     * The receive path from the last device up to the socket. Observed from the last net:netif_receive_skb
     * to sock:sk_data_ready.
     */
    RECEIVE("receive", "receive path (netfilter in, IP, TCP)"),
    /**
     * A message waiting in its socket while the reader is still busy with earlier messages: it needs no
     * wake-up, only its turn. The live probe's workload has one message in flight at a time, which never
     * waits so; its reader is always blocked, and the wait is nil there by construction.
     */
    QUEUE("queued", "queued behind the reader's earlier messages"),
    /**
     * The reader's wake-up, its wait for a CPU, the switch and the copy to user space. Observed from
     * sock:sk_data_ready to sock:sock_recv_length.
     */
    WAKEUP("wake-up", "wake-up, CPU wait, switch and copy out");

    private final String shortLabel;
    private final String label;

    Segment(String shortLabel, String label) {
        this.shortLabel = shortLabel;
        this.label = label;
    }

    /** What it is, for people: "send path (socket, TCP, IP, netfilter out; or sk_msg redirect)". */
    public String label() {
        return label;
    }

    /** A word for it where room is short (a chart's legend): "send". */
    public String shortLabel() {
        return shortLabel;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The segment a report or recording names by its {@link #key()}. */
    public static Optional<Segment> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}

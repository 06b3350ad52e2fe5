package org.stacklab.sim.stack;

import java.util.Locale;

/**
 * The parts of a one-way trip that both the simulator and the live probe can time: each begins
 * and ends at a point the probe observes in the kernel, so that measured and simulated time can be
 * laid side by side stage group by stage group.
 */
public enum Segment {
    /** From a read returning to the next write's system call: the app's or the proxy's work. */
    USER("user space (app, proxy)",
            "sock:sock_recv_length to the send's start: tcp:tcp_sendmsg_locked, or raw_syscalls:sys_enter where redirected"),
    /** The kernel's send path up to the device, or (redirected) up to the peer socket. */
    SEND("send path (socket, TCP, IP, netfilter out; or sk_msg redirect)",
            "the send's start to net:net_dev_queue, or to sock:sk_data_ready where redirected"),
    /** Device transmit, softirq receive and the node's forwarding, for every device crossed. */
    DEVICE("devices and forwarding (lo, veth, node)", "net:net_dev_queue to the last net:netif_receive_skb"),
    /** The receive path from the last device up to the socket. */
    RECEIVE("receive path (netfilter in, IP, TCP)", "net:netif_receive_skb to sock:sk_data_ready"),
    /** The reader's wake-up, its wait for a CPU, the switch and the copy to user space. */
    WAKEUP("wake-up, CPU wait, switch and copy out", "sock:sk_data_ready to sock:sock_recv_length");

    private final String label;
    private final String observedBetween;

    Segment(String label, String observedBetween) {
        this.label = label;
        this.observedBetween = observedBetween;
    }

    public String label() {
        return label;
    }

    /** The two tracepoints the live probe times this segment between. */
    public String observedBetween() {
        return observedBetween;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

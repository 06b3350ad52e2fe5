package org.stacklab.sim.stack;

import java.util.List;

/**
 * The one stage vocabulary of Stack Lab, shared by the simulator and the live probe.
 *
 * <p>Each stage names a step a message takes through the Linux network stack, the layer it runs
 * in, whose CPU time it is, and the kernel tracepoints through which the probe observes it on a
 * 6.x kernel without kprobes. Stages marked "derived" have no tracepoint of their own; the probe
 * attributes the time between the neighbouring observed points to them.
 */
public enum Stage {
    APP_SEND(Layer.USER, CpuCategory.USER, "the application writes its message",
            "syscalls:sys_enter_write", "syscalls:sys_enter_sendto"),
    SOCK_SEND(Layer.SOCKET, CpuCategory.KERNEL, "tcp_sendmsg copies the bytes from user space into an skb",
            "tcp:tcp_sendmsg_locked", "sock:sock_send_length"),
    SOCK_LB(Layer.BPF, CpuCategory.KERNEL, "the cgroup connect4 program puts a backend's address in place of the"
            + " service's, once, in connect() (socket-LB)", "stacklab:connect4"),
    TCP_OUT(Layer.TCP, CpuCategory.KERNEL, "TCP builds the segment header and queues it for transmit"),
    IP_OUT(Layer.IP, CpuCategory.KERNEL, "IP routes the packet and builds its header"),
    NF_OUTPUT(Layer.NETFILTER, CpuCategory.KERNEL, "netfilter OUTPUT hook: conntrack and the iptables rules of locally sent packets"),
    NF_POSTROUTING(Layer.NETFILTER, CpuCategory.KERNEL, "netfilter POSTROUTING hook, the last before the device"),
    DEV_XMIT(Layer.DEVICE, CpuCategory.KERNEL, "the device (lo or veth) transmits the packet",
            "net:net_dev_queue", "net:net_dev_start_xmit", "net:net_dev_xmit"),
    NET_RX(Layer.DEVICE, CpuCategory.KERNEL, "softirq receive on the peer side of the device",
            "net:netif_rx", "net:netif_receive_skb"),
    VXLAN_ENCAP(Layer.DEVICE, CpuCategory.KERNEL, "the vxlan device wraps the packet in UDP and an outer IP header"
            + " and sends it on the link beneath"),
    VXLAN_DECAP(Layer.DEVICE, CpuCategory.KERNEL, "the outer packet's IP and UDP hand it to the vxlan device, which"
            + " unwraps it"),
    NF_PREROUTING(Layer.NETFILTER, CpuCategory.KERNEL, "netfilter PREROUTING hook: conntrack, and where inbound REDIRECT happens"),
    IP_FORWARD(Layer.IP, CpuCategory.KERNEL, "IP forwards the packet between interfaces of a namespace (the node)"),
    NF_FORWARD(Layer.NETFILTER, CpuCategory.KERNEL, "netfilter FORWARD hook of forwarded packets"),
    TC_PEER_REDIRECT(Layer.BPF, CpuCategory.KERNEL, "the node's tc program looks the route up and hands the packet"
            + " straight to the destination pod's device (bpf_redirect_peer), past the node's IP stack", "stacklab:tc"),
    IP_RCV(Layer.IP, CpuCategory.KERNEL, "IP receive: checks the header and delivers locally"),
    NF_INPUT(Layer.NETFILTER, CpuCategory.KERNEL, "netfilter INPUT hook of locally delivered packets"),
    TCP_RCV(Layer.TCP, CpuCategory.KERNEL, "TCP receive: finds the socket, acks, queues the data"),
    SK_MSG_REDIRECT(Layer.BPF, CpuCategory.KERNEL, "the sk_msg program redirects the message straight into the peer socket",
            "stacklab:sk_msg"),
    WAKEUP(Layer.SCHEDULER, CpuCategory.KERNEL, "sk_data_ready wakes the process waiting on the socket",
            "sock:sk_data_ready", "sched:sched_wakeup"),
    CTX_SWITCH(Layer.SCHEDULER, CpuCategory.KERNEL, "the woken process waits for a CPU and is switched in",
            "sched:sched_switch"),
    SOCK_RECV(Layer.SOCKET, CpuCategory.KERNEL, "recvmsg copies the bytes from the skb to user space",
            "skb:skb_copy_datagram_iovec", "sock:sock_recv_length"),
    APP_RECV(Layer.USER, CpuCategory.USER, "the application's read returns and it handles the message",
            "syscalls:sys_exit_read", "syscalls:sys_exit_recvfrom"),
    PROXY(Layer.USER, CpuCategory.PROXY, "the proxy parses, routes and filters the message in user space",
            "syscalls:sys_exit_recvfrom", "syscalls:sys_enter_sendto");

    private final Layer layer;
    private final CpuCategory cpuCategory;
    private final String meaning;
    private final List<String> tracepoints;

    Stage(Layer layer, CpuCategory cpuCategory, String meaning, String... tracepoints) {
        this.layer = layer;
        this.cpuCategory = cpuCategory;
        this.meaning = meaning;
        this.tracepoints = List.of(tracepoints);
    }

    public Layer layer() {
        return layer;
    }

    public CpuCategory cpuCategory() {
        return cpuCategory;
    }

    /** What happens in this stage, in plain words for a caption. */
    public String meaning() {
        return meaning;
    }

    /** The tracepoints that observe this stage; empty if its time is derived between neighbours. */
    public List<String> tracepoints() {
        return tracepoints;
    }

    /**
     * True for the stages of a hop's sending half, from the write to the device's transmit (or to the
     * sk_msg redirect); the others run on the receiving side (or, for the node's forwarding, between).
     */
    public boolean sendingHalf() {
        return switch (this) {
            case APP_SEND, SOCK_SEND, TCP_OUT, IP_OUT, NF_OUTPUT, NF_POSTROUTING, DEV_XMIT, SK_MSG_REDIRECT -> true;
            default -> false;
        };
    }

    /** True for the stages of the TCP/IP stack proper, the ones socket-level redirect skips. */
    public boolean isTcpIp() {
        return layer == Layer.TCP || layer == Layer.IP || layer == Layer.NETFILTER || layer == Layer.DEVICE;
    }
}

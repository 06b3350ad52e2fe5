package org.stacklab.probe.bpf;

/**
 * What a path-probe event observed: {@code enum stacklab_event_kind} of bpf/include/stacklab.h,
 * value for value ({@code SL_} + the name; a test compares them).
 */
public enum EventKind {
    /** tcp:tcp_sendmsg_locked: a message enters TCP/IP. */
    TCP_SENDMSG(1),
    /** net:net_dev_queue: a packet is queued on a device. */
    NET_DEV_QUEUE(2),
    /** net:netif_receive_skb: a packet is received from a device. */
    NETIF_RECEIVE(3),
    /** sock:sk_data_ready: a socket's reader is woken. */
    SK_DATA_READY(4),
    /** sock:sock_recv_length: a reader copies data out. */
    SOCK_RECV(5),
    // 6: unused (was syscalls:sys_enter_sendto)
    /** sk_msg: a message is redirected to its peer socket (its send begins). */
    MSG_REDIRECT(7),
    /** tc: the node hands a packet to the next pod's device (bpf_redirect_peer). */
    PEER_REDIRECT(8);

    /** The header's prefix of these names. */
    public static final String HEADER_PREFIX = "SL_";

    private static final EventKind[] BY_CODE = new EventKind[9];

    static {
        for (EventKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;

    EventKind(int code) {
        this.code = code;
    }

    /** The value events carry in {@code struct stacklab_event.kind}. */
    public int code() {
        return code;
    }

    /** The kind of a code, or null for one no program writes. */
    public static EventKind of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}

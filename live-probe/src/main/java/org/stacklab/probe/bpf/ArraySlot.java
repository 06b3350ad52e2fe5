package org.stacklab.probe.bpf;

/**
 * A named slot of a BPF array map, as an enum of bpf/include/stacklab.h names it: the loader
 * writes and reads slots by these names, never by bare numbers.
 */
public interface ArraySlot {

    /** The slot's index in its map (the header's value): the enum's order is the header's. */
    default int slot() {
        return ((Enum<?>) this).ordinal();
    }

    /** The slot's index as a map key. */
    default byte[] key() {
        return BpfObject.u32(slot());
    }

    /** Slots of the path probe's {@code probe_config} ({@code enum stacklab_probe_config}). */
    enum ProbeConfig implements ArraySlot {
        /** Bytes of the shortest data packet at net_dev_queue; shorter ones are ACKs. */
        DATA_AT_DEVICE_QUEUE,
        /** The same at netif_receive_skb, its Ethernet header pulled. */
        DATA_AT_RECEIVE;

        public static final String MAP = "probe_config";
        public static final String HEADER_PREFIX = "SL_";
    }

    /** Slots of the sk_msg redirect program's {@code redirect_config} ({@code enum stacklab_redirect_config}). */
    enum RedirectConfig implements ArraySlot {
        /** 1: redirect only between sockets of one namespace (a pod); 0: between any of the lab's sockets. */
        POD_SCOPE,
        /** 1 while the path probe watches: the program writes an event per redirected message. */
        EVENTS;

        public static final String MAP = "redirect_config";
        public static final String HEADER_PREFIX = "SL_REDIRECT_";
    }

    /** Slots of the host-routing tc program's {@code routing_config} ({@code enum stacklab_routing_config}). */
    enum RoutingConfig implements ArraySlot {
        /** 1 while the path probe watches: the program writes an event per packet it hands on. */
        EVENTS;

        public static final String MAP = "routing_config";
        public static final String HEADER_PREFIX = "SL_ROUTING_";
    }

    /** Slots of the socket-LB program's {@code service_config} ({@code enum stacklab_service_config}). */
    enum ServiceConfig implements ArraySlot {
        /** The service's ClusterIP, in network order. */
        ADDRESS,
        /** The server's address that replaces it, in network order. */
        BACKEND,
        /** Connections the program translated so far, for reading with bpftool while debugging. */
        TRANSLATED;

        public static final String MAP = "service_config";
        public static final String HEADER_PREFIX = "SL_SERVICE_";
    }
}

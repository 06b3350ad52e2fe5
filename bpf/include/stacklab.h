/*
 * The layout shared by the lab's eBPF programs, the JNI bridge (which reports it to Java:
 * Libbpf.layout) and the Java side (EventKind, ProbeConfig and RedirectConfig, checked against
 * this file by a test). Retired values stay, marked unused, never reused.
 */
#ifndef STACKLAB_H
#define STACKLAB_H

/* What a path-probe event observed; the Java side maps each kind to a Stage. */
enum stacklab_event_kind {
	SL_TCP_SENDMSG = 1,     /* tcp:tcp_sendmsg_locked: a message enters TCP/IP */
	SL_NET_DEV_QUEUE = 2,   /* net:net_dev_queue: a packet is queued on a device */
	SL_NETIF_RECEIVE = 3,   /* net:netif_receive_skb: a packet is received from a device */
	SL_SK_DATA_READY = 4,   /* sock:sk_data_ready: a socket's reader is woken */
	SL_SOCK_RECV = 5,       /* sock:sock_recv_length: a reader copies data out */
	/* 6: unused (was syscalls:sys_enter_sendto, the start of a redirected send) */
	SL_MSG_REDIRECT = 7,    /* sk_msg: a message is redirected to its peer socket (its send begins) */
	SL_PEER_REDIRECT = 8,   /* tc: the node hands a packet to the next pod's device (bpf_redirect_peer) */
};

/* The CPUs whose idleness the path probe follows (bit i of idle_cpus: CPU i). */
#define SL_MAX_CPUS 32
/* One observation, as written to the ring buffer; 48 bytes, no padding surprises. */
struct stacklab_event {
	unsigned long long ktime_ns;
	unsigned long long skb;     /* skb address, or socket address for socket events */
	unsigned int kind;          /* enum stacklab_event_kind */
	unsigned int cpu;
	unsigned int tgid;
	unsigned int netns;         /* network namespace inode number */
	unsigned int ifindex;       /* device events only */
	int len;                    /* bytes: skb->len for devices, the payload for sockets */
	unsigned int idle_cpus;     /* SL_SK_DATA_READY only: the CPUs running their idle task as the reader is woken */
	unsigned int reserved;      /* 0 */
};

/* Events a CPU gathers before writing them to the ring buffer in one piece; a power of two. */
#define SL_BATCH 16

/* A CPU's batch of events in the making (path probe); its first count events are not yet written. */
struct stacklab_batch {
	unsigned int count;
	unsigned int busy;          /* a program of this CPU is filling it */
	unsigned long long lost;    /* events of whole batches the full ring buffer refused */
	struct stacklab_event events[SL_BATCH];
};

/*
 * Slots of the path probe's probe_config array, set by the loader before it attaches: the
 * shortest packet worth recording at each tracepoint (shorter ones are pure ACKs, left out in the
 * kernel so that they cost no ring-buffer write).
 */
enum stacklab_probe_config {
	SL_DATA_AT_DEVICE_QUEUE = 0,  /* bytes of the shortest data packet at net_dev_queue */
	SL_DATA_AT_RECEIVE = 1,       /* ... at netif_receive_skb (its Ethernet header pulled) */
	SL_PROBE_CONFIG_SLOTS = 2,
};

/* Slots of the sk_msg redirect program's redirect_config array, set by the loader. */
enum stacklab_redirect_config {
	SL_REDIRECT_POD_SCOPE = 0,    /* 1: redirect only within a namespace (pod); 0: between any lab sockets */
	SL_REDIRECT_EVENTS = 1,       /* 1 while the path probe watches: an SL_MSG_REDIRECT event per message */
	SL_REDIRECT_CONFIG_SLOTS = 2,
};

/* Slots of the host-routing tc program's routing_config array, set by the loader. */
enum stacklab_routing_config {
	SL_ROUTING_EVENTS = 0,        /* 1 while the path probe watches: an SL_PEER_REDIRECT event per packet */
	SL_ROUTING_CONFIG_SLOTS = 1,
};

/* Slots of the socket-LB program's service_config array, set by the loader (addresses in network order). */
enum stacklab_service_config {
	SL_SERVICE_ADDRESS = 0,       /* the service's ClusterIP */
	SL_SERVICE_BACKEND = 1,       /* the server's address, put in its place */
	SL_SERVICE_TRANSLATED = 2,    /* connections translated so far: for reading with bpftool while debugging */
	SL_SERVICE_CONFIG_SLOTS = 3,
};

/*
 * Counters of the sk_msg redirect program, indexes into its counters array: for reading with
 * bpftool while debugging (the probe counts redirects from the program's events).
 */
enum stacklab_redirect_counter {
	SL_SOCKETS_ADDED = 0,
	SL_MSG_REDIRECTED = 1,
	SL_MSG_PASSED = 2,
	SL_REDIRECT_COUNTERS = 3,
};

#endif

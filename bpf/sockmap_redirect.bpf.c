// SPDX-License-Identifier: GPL-2.0
/*
 * Socket-level redirect, as Cilium's sockops acceleration did it: a sock_ops program on the lab's
 * cgroup files every established IPv4 TCP socket into a SOCKHASH keyed by its 4-tuple, and an
 * sk_msg program redirects each message to the peer socket's ingress queue, so that the data
 * skips TCP/IP, netfilter and the devices. Connection set-up still takes the normal path.
 */
#include "vmlinux.h"
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include "include/stacklab.h"

char LICENSE[] SEC("license") = "GPL";

#define AF_INET 2

/* A socket as the peer sees it: addresses in network order, ports in host order. */
struct sock_key {
	__u32 local_ip;
	__u32 remote_ip;
	__u32 local_port;
	__u32 remote_port;
};

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 4096);
	__type(key, struct sock_key);
	__type(value, __u64);
} lab_sockets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SL_REDIRECT_COUNTERS);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

static __always_inline void count(__u32 which)
{
	__u64 *value = bpf_map_lookup_elem(&counters, &which);

	if (value)
		__sync_fetch_and_add(value, 1);
}

SEC("sockops")
int file_established(struct bpf_sock_ops *ops)
{
	struct sock_key key;

	if (ops->family != AF_INET)
		return 1;
	if (ops->op != BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB && ops->op != BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB)
		return 1;
	key.local_ip = ops->local_ip4;
	key.remote_ip = ops->remote_ip4;
	key.local_port = ops->local_port;
	key.remote_port = bpf_ntohl(ops->remote_port);
	if (bpf_sock_hash_update(ops, &lab_sockets, &key, BPF_NOEXIST) == 0)
		count(SL_SOCKETS_ADDED);
	return 1;
}

SEC("sk_msg")
int redirect_to_peer(struct sk_msg_md *msg)
{
	/* The peer's key is this socket's key with the two ends swapped. */
	struct sock_key peer = {
		.local_ip = msg->remote_ip4,
		.remote_ip = msg->local_ip4,
		.local_port = bpf_ntohl(msg->remote_port),
		.remote_port = msg->local_port,
	};

	if (msg->family != AF_INET)
		return SK_PASS;
	if (bpf_msg_redirect_hash(msg, &lab_sockets, &peer, BPF_F_INGRESS) == SK_PASS) {
		count(SL_MSG_REDIRECTED);
		return SK_PASS;
	}
	count(SL_MSG_PASSED);
	return SK_PASS;
}

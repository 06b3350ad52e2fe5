// SPDX-License-Identifier: GPL-2.0
/*
 * Socket-level redirect, as Cilium's sockops acceleration and Merbridge do it: a sock_ops program
 * on the lab's cgroup files every established IPv4 TCP socket into a SOCKHASH, and an sk_msg
 * program redirects each message to the peer socket's ingress queue, so that the data skips
 * TCP/IP, netfilter and the devices. Connection set-up still takes the normal path.
 *
 * Sockets are keyed by the connecting end's address, which both ends of a connection know even
 * when iptables REDIRECT changed where it was going (the accepting end then sees 127.0.0.1:15001,
 * the connecting end still the original destination): the connecting socket files itself under
 * its local end, the accepting socket under its remote end. With scope "pod" the key also holds
 * the network namespace, so only sockets of one pod pair up (an app and its sidecar).
 */
#include "vmlinux.h"
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include "include/stacklab.h"
#include "include/event_batches.h"

char LICENSE[] SEC("license") = "GPL";

#define AF_INET 2

enum side { CONNECTING = 1, ACCEPTING = 2 };

struct sock_key {
	__u64 netns;      /* namespace cookie with scope "pod", else 0 */
	__u32 ip;         /* the connecting end's address, network order */
	__u32 port;       /* the connecting end's port, host order */
	__u32 side;       /* enum side of the socket filed under this key */
	__u32 pad;
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

/*
 * Slots of enum stacklab_redirect_config, set by the loader. Events are a slot, not a setting fixed
 * at load: they are switched on only while the path probe watches (a redirected send never reaches
 * a TCP tracepoint, so the program itself marks it).
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SL_REDIRECT_CONFIG_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} redirect_config SEC(".maps");

static __always_inline void count(__u32 which)
{
	__u64 *value = bpf_map_lookup_elem(&counters, &which);

	if (value)
		__sync_fetch_and_add(value, 1);
}

static __always_inline int configured(__u32 which)
{
	__u32 *value = bpf_map_lookup_elem(&redirect_config, &which);

	return value && *value == 1;
}

static __always_inline int pod_scope(void)
{
	return configured(SL_REDIRECT_POD_SCOPE);
}

static __always_inline void redirected(struct sk_msg_md *msg)
{
	struct task_struct *task;

	count(SL_MSG_REDIRECTED);
	if (configured(SL_REDIRECT_EVENTS)) {
		task = bpf_get_current_task_btf();
		emit(SL_MSG_REDIRECT, task->nsproxy->net_ns->ns.inum, (__u64)msg->sk, 0, msg->size, 0);
	}
}

SEC("sockops")
int file_established(struct bpf_sock_ops *ops)
{
	struct sock_key key = {};

	if (ops->family != AF_INET)
		return 1;
	if (ops->op == BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB) {
		key.ip = ops->local_ip4;
		key.port = ops->local_port;
		key.side = CONNECTING;
	} else if (ops->op == BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB) {
		key.ip = ops->remote_ip4;
		key.port = bpf_ntohl(ops->remote_port);
		key.side = ACCEPTING;
	} else {
		return 1;
	}
	if (pod_scope())
		key.netns = bpf_get_netns_cookie(ops);
	if (bpf_sock_hash_update(ops, &lab_sockets, &key, BPF_NOEXIST) == 0)
		count(SL_SOCKETS_ADDED);
	return 1;
}

SEC("sk_msg")
int redirect_to_peer(struct sk_msg_md *msg)
{
	struct sock_key peer = {};

	if (msg->family != AF_INET)
		return SK_PASS;
	if (pod_scope())
		peer.netns = bpf_get_netns_cookie(msg);
	/* If this socket connected, its peer accepted: filed under this socket's local end. */
	peer.ip = msg->local_ip4;
	peer.port = msg->local_port;
	peer.side = ACCEPTING;
	if (bpf_msg_redirect_hash(msg, &lab_sockets, &peer, BPF_F_INGRESS) == SK_PASS) {
		redirected(msg);
		return SK_PASS;
	}
	/* Else this socket accepted: its peer connected from this socket's remote end. */
	peer.ip = msg->remote_ip4;
	peer.port = bpf_ntohl(msg->remote_port);
	peer.side = CONNECTING;
	if (bpf_msg_redirect_hash(msg, &lab_sockets, &peer, BPF_F_INGRESS) == SK_PASS) {
		redirected(msg);
		return SK_PASS;
	}
	count(SL_MSG_PASSED);
	return SK_PASS;
}

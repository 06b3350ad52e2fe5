// SPDX-License-Identifier: GPL-2.0
/*
 * The path probe: BTF-typed tracepoints (tp_btf) on the transmit and receive path, each writing
 * one event (include/event_batches.h). Only packets and sockets in the lab's own network namespaces
 * are recorded; the filter runs here, in the kernel, so that the host's traffic costs one map lookup.
 * A redirected message never reaches TCP: the redirect program marks where its send begins.
 */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "include/stacklab.h"
#include "include/event_batches.h"

char LICENSE[] SEC("license") = "GPL";

/* Network namespace inode numbers of the lab's namespaces, filled in by the loader. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u8);
} lab_netns SEC(".maps");

/* Slots of enum stacklab_probe_config, set by the loader. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SL_PROBE_CONFIG_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} probe_config SEC(".maps");

/*
 * Whether each CPU runs its idle task, as sched_switch last left it: each CPU writes its own byte, so no
 * atomics; a wake-up reads them all. On a VM an idle vCPU is halted, and waking it costs an interrupt
 * and an exit to the hypervisor that a busy one does not.
 */
volatile __u8 cpu_idle[SL_MAX_CPUS];

static __always_inline __u32 idle_cpus(void)
{
	__u32 mask = 0;

	for (int i = 0; i < SL_MAX_CPUS; i++)
		if (cpu_idle[i])
			mask |= 1u << i;
	return mask;
}

static __always_inline int carries_data(__u32 which, unsigned int len)
{
	__u32 *shortest = bpf_map_lookup_elem(&probe_config, &which);

	return !shortest || len >= *shortest;
}

/*
 * tp_btf programs may follow BTF-typed pointers directly: plain loads, relocated by CO-RE, which
 * cost far less than a bpf_probe_read_kernel per step (BPF_CORE_READ). The verifier makes a fault
 * read as zero.
 */
static __always_inline __u32 sock_netns(const struct sock *sk)
{
	return sk->__sk_common.skc_net.net->ns.inum;
}

static __always_inline __u32 skb_netns(const struct sk_buff *skb)
{
	return skb->dev->nd_net.net->ns.inum;
}

/* Records an event if it happened in one of the lab's namespaces. */
static __always_inline void emit_in_lab(__u32 kind, __u32 netns, __u64 object, __u32 ifindex, int len)
{
	if (bpf_map_lookup_elem(&lab_netns, &netns))
		emit(kind, netns, object, ifindex, len, kind == SL_SK_DATA_READY ? idle_cpus() : 0);
}

SEC("tp_btf/sched_switch")
int BPF_PROG(on_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	__u32 cpu = bpf_get_smp_processor_id();

	if (cpu < SL_MAX_CPUS)
		cpu_idle[cpu] = next->pid == 0;
	return 0;
}

SEC("tp_btf/tcp_sendmsg_locked")
int BPF_PROG(on_tcp_sendmsg, const struct sock *sk, const struct msghdr *msg, const struct sk_buff *skb,
	     int size_goal)
{
	emit_in_lab(SL_TCP_SENDMSG, sock_netns(sk), (__u64)sk, 0, msg->msg_iter.count);
	return 0;
}

SEC("tp_btf/net_dev_queue")
int BPF_PROG(on_net_dev_queue, struct sk_buff *skb)
{
	unsigned int len = skb->len;

	if (carries_data(SL_DATA_AT_DEVICE_QUEUE, len))
		emit_in_lab(SL_NET_DEV_QUEUE, skb_netns(skb), (__u64)skb, skb->dev->ifindex, len);
	return 0;
}

SEC("tp_btf/netif_receive_skb")
int BPF_PROG(on_netif_receive_skb, struct sk_buff *skb)
{
	unsigned int len = skb->len;

	if (carries_data(SL_DATA_AT_RECEIVE, len))
		emit_in_lab(SL_NETIF_RECEIVE, skb_netns(skb), (__u64)skb, skb->dev->ifindex, len);
	return 0;
}

SEC("tp_btf/sk_data_ready")
int BPF_PROG(on_sk_data_ready, const struct sock *sk)
{
	emit_in_lab(SL_SK_DATA_READY, sock_netns(sk), (__u64)sk, 0, 0);
	return 0;
}

SEC("tp_btf/sock_recv_length")
int BPF_PROG(on_sock_recv_length, struct sock *sk, int ret, int flags)
{
	emit_in_lab(SL_SOCK_RECV, sock_netns(sk), (__u64)sk, 0, ret);
	return 0;
}

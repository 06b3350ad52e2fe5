// SPDX-License-Identifier: GPL-2.0
/*
 * The path probe: BTF-typed tracepoints (tp_btf) on the transmit and receive path, each writing
 * one event to a ring buffer. Only packets and sockets in the lab's own network namespaces are
 * recorded; the filter runs here, in the kernel, so that the host's traffic costs one map lookup.
 */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "include/stacklab.h"

char LICENSE[] SEC("license") = "GPL";

/* Network namespace inode numbers of the lab's namespaces, filled in by the loader. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u8);
} lab_netns SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps");

/*
 * [0]: the shortest packet worth recording at net_dev_queue, [1]: at netif_receive_skb; shorter
 * ones are pure ACKs, left out in the kernel so they cost no ring-buffer write. Set by the loader.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} probe_config SEC(".maps");

static __always_inline int carries_data(__u32 which, unsigned int len)
{
	__u32 *shortest = bpf_map_lookup_elem(&probe_config, &which);

	return !shortest || len >= *shortest;
}

/* Events dropped because the ring buffer was full; the reader reports them. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

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

/*
 * Each CPU gathers its events in a batch of its own and writes a whole batch to the ring buffer at
 * once: the ring buffer's lock and positions are shared by every CPU, and taking them for each
 * event (with the cache lines moving between the CPUs of a ping-pong) was most of the probe's cost.
 * The reader takes the last, partial batches from this map when the probe is closed.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stacklab_batch);
} batches SEC(".maps");

static __always_inline void count_dropped(void)
{
	__u32 zero = 0;
	__u64 *lost = bpf_map_lookup_elem(&dropped, &zero);

	if (lost)
		__sync_fetch_and_add(lost, 1);
}

static __always_inline void fill(struct stacklab_event *e, __u32 kind, __u32 netns, __u64 object, __u32 ifindex,
				 int len)
{
	e->ktime_ns = bpf_ktime_get_ns();
	e->skb = object;
	e->kind = kind;
	e->cpu = bpf_get_smp_processor_id();
	e->tgid = bpf_get_current_pid_tgid() >> 32;
	e->netns = netns;
	e->ifindex = ifindex;
	e->len = len;
}

static __always_inline void emit(__u32 kind, __u32 netns, __u64 object, __u32 ifindex, int len)
{
	struct stacklab_batch *batch;
	struct stacklab_event *e;
	__u32 zero = 0, next;

	if (!bpf_map_lookup_elem(&lab_netns, &netns))
		return;
	batch = bpf_map_lookup_elem(&batches, &zero);
	if (!batch)
		return;
	if (batch->busy) {
		/* A softirq's program interrupted this CPU's in the middle of a batch: write alone. */
		e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
		if (!e) {
			count_dropped();
			return;
		}
		fill(e, kind, netns, object, ifindex, len);
		bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
		return;
	}
	batch->busy = 1;
	barrier();
	next = batch->count & (SL_BATCH - 1);
	fill(&batch->events[next], kind, netns, object, ifindex, len);
	if (++next == SL_BATCH) {
		/* No wake-up: the reader drains on its own clock, so the probe adds no context switches. */
		if (bpf_ringbuf_output(&events, batch->events, sizeof(batch->events), BPF_RB_NO_WAKEUP))
			__sync_fetch_and_add(&batch->lost, SL_BATCH);
		next = 0;
	}
	batch->count = next;
	barrier();
	batch->busy = 0;
}

/* x86-64 numbers of the system calls that send on a socket. */
#define NR_WRITE 1
#define NR_WRITEV 20
#define NR_SENDTO 44
#define NR_SENDMSG 46

SEC("tp_btf/sys_enter")
int BPF_PROG(on_sys_enter, struct pt_regs *regs, long id)
{
	struct task_struct *task;

	if (id != NR_WRITE && id != NR_WRITEV && id != NR_SENDTO && id != NR_SENDMSG)
		return 0;
	task = bpf_get_current_task_btf();
	emit(SL_SEND_ENTER, task->nsproxy->net_ns->ns.inum, 0, 0, (int)id);
	return 0;
}

SEC("tp_btf/tcp_sendmsg_locked")
int BPF_PROG(on_tcp_sendmsg, const struct sock *sk, const struct msghdr *msg, const struct sk_buff *skb,
	     int size_goal)
{
	emit(SL_TCP_SENDMSG, sock_netns(sk), (__u64)sk, 0, msg->msg_iter.count);
	return 0;
}

SEC("tp_btf/net_dev_queue")
int BPF_PROG(on_net_dev_queue, struct sk_buff *skb)
{
	unsigned int len = skb->len;

	if (carries_data(0, len))
		emit(SL_NET_DEV_QUEUE, skb_netns(skb), (__u64)skb, skb->dev->ifindex, len);
	return 0;
}

SEC("tp_btf/netif_receive_skb")
int BPF_PROG(on_netif_receive_skb, struct sk_buff *skb)
{
	unsigned int len = skb->len;

	if (carries_data(1, len))
		emit(SL_NETIF_RECEIVE, skb_netns(skb), (__u64)skb, skb->dev->ifindex, len);
	return 0;
}

SEC("tp_btf/sk_data_ready")
int BPF_PROG(on_sk_data_ready, const struct sock *sk)
{
	emit(SL_SK_DATA_READY, sock_netns(sk), (__u64)sk, 0, 0);
	return 0;
}

SEC("tp_btf/sock_recv_length")
int BPF_PROG(on_sock_recv_length, struct sock *sk, int ret, int flags)
{
	emit(SL_SOCK_RECV, sock_netns(sk), (__u64)sk, 0, ret);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * eBPF host routing, as Cilium does it between pods of one node (Cilium 1.9+, kernel >= 5.10): on
 * the ingress of each of the node's veth ends, look the destination up in the node's routing table
 * and, when it leaves through another veth, hand the packet straight to that veth's far end, in
 * the destination pod, with bpf_redirect_peer. The node's netfilter hooks, its IP forwarding, the
 * second veth's transmit and its per-CPU backlog are skipped; the packet enters the pod's stack at
 * once, as if it had arrived on the pod's own device.
 *
 * What Cilium does besides (policy, conntrack, service translation, bpf_redirect_neigh out of the
 * node) is left out: the lab measures the shorter path, not Cilium.
 */
#include "vmlinux.h"
#include <bpf/bpf_endian.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

#include "include/stacklab.h"
#include "include/event_batches.h"

char LICENSE[] SEC("license") = "GPL";

#define AF_INET 2
#define ETH_ALEN 6
#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define TC_ACT_REDIRECT 7

/* The kernel's struct sk_buff behind a program's context (kernel 6.3+). */
extern void *bpf_cast_to_kern_ctx(void *obj) __ksym;

/* Slots of enum stacklab_routing_config; events are switched on only while the path probe watches. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SL_ROUTING_CONFIG_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} routing_config SEC(".maps");

static __always_inline int watched(void)
{
	__u32 slot = SL_ROUTING_EVENTS;
	__u32 *value = bpf_map_lookup_elem(&routing_config, &slot);
	return value && *value == 1;
}

SEC("tc")
int route_to_peer(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct bpf_fib_lookup fib = {};
	long verdict;
	int found;

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	fib.family = AF_INET;
	fib.tos = ip->tos;
	fib.l4_protocol = ip->protocol;
	fib.tot_len = bpf_ntohs(ip->tot_len);
	fib.ipv4_src = ip->saddr;
	fib.ipv4_dst = ip->daddr;
	fib.ifindex = skb->ingress_ifindex;
	found = bpf_fib_lookup(skb, &fib, sizeof(fib), 0);
	/* Delivered locally (not forwarded), or no route: the node's own stack takes it. */
	if (found != BPF_FIB_LKUP_RET_SUCCESS && found != BPF_FIB_LKUP_RET_NO_NEIGH)
		return TC_ACT_OK;
	if (found == BPF_FIB_LKUP_RET_SUCCESS) {
		/* As the node would have addressed it on the next link. */
		__builtin_memcpy(eth->h_dest, fib.dmac, ETH_ALEN);
		__builtin_memcpy(eth->h_source, fib.smac, ETH_ALEN);
	}
	verdict = bpf_redirect_peer(fib.ifindex, 0);
	if (verdict == TC_ACT_REDIRECT && watched()) {
		/* Named as the path probe names packets: the skb, and the namespace of the device it came in on. */
		struct sk_buff *kskb = bpf_cast_to_kern_ctx(skb);
		emit(SL_PEER_REDIRECT, BPF_CORE_READ(kskb, dev, nd_net.net, ns.inum), (__u64)kskb, fib.ifindex,
		     skb->len, 0);
	}
	return verdict;
}

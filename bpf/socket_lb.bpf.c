// SPDX-License-Identifier: GPL-2.0
/*
 * Socket-LB, as Cilium's kube-proxy replacement does it: a cgroup connect4 program sees every IPv4
 * connect() of the lab's processes and, when it is to the service's ClusterIP, writes the backend's
 * address into the call, so that the socket connects to the server pod itself. No packet of the
 * connection is ever translated: no DNAT rule, no conntrack NAT entry. The port stays the service's
 * (the lab's server listens on it).
 *
 * Cilium looks the ClusterIP up in a service map and picks a backend; the lab has one service with
 * one backend, in two slots of an array set by the loader.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "include/stacklab.h"

char LICENSE[] SEC("license") = "GPL";

/* Slots of enum stacklab_service_config. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SL_SERVICE_CONFIG_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} service_config SEC(".maps");

static __always_inline __u32 *slot(__u32 which)
{
	return bpf_map_lookup_elem(&service_config, &which);
}

SEC("cgroup/connect4")
int translate_service(struct bpf_sock_addr *ctx)
{
	__u32 *service = slot(SL_SERVICE_ADDRESS);
	__u32 *backend = slot(SL_SERVICE_BACKEND);
	__u32 *translated = slot(SL_SERVICE_TRANSLATED);

	if (!service || !backend || !translated || *service == 0 || ctx->user_ip4 != *service)
		return 1;
	ctx->user_ip4 = *backend;
	__sync_fetch_and_add(translated, 1);
	return 1;
}

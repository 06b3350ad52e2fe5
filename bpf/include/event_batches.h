/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing lab events (struct stacklab_event) to user space, shared by the programs that observe
 * the path: a ring buffer, written a batch at a time per CPU.
 *
 * Each CPU gathers its events in a batch of its own and writes a whole batch to the ring buffer at
 * once: the ring buffer's lock and positions are shared by every CPU, and taking them for each
 * event (with their cache lines moving between the CPUs of a ping-pong) was most of the probe's
 * cost. The reader takes the last, partial batches from the per-CPU map when it closes the object.
 */
#ifndef STACKLAB_EVENT_BATCHES_H
#define STACKLAB_EVENT_BATCHES_H

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stacklab_batch);
} batches SEC(".maps");

/* Events dropped one by one because the ring buffer was full; the reader reports them. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

static __always_inline void count_dropped(void)
{
	__u32 zero = 0;
	__u64 *lost = bpf_map_lookup_elem(&dropped, &zero);

	if (lost)
		__sync_fetch_and_add(lost, 1);
}

static __always_inline void fill(struct stacklab_event *e, __u32 kind, __u32 netns, __u64 object, __u32 ifindex,
				 int len, __u32 idle_cpus)
{
	e->ktime_ns = bpf_ktime_get_ns();
	e->skb = object;
	e->kind = kind;
	e->cpu = bpf_get_smp_processor_id();
	e->tgid = bpf_get_current_pid_tgid() >> 32;
	e->netns = netns;
	e->ifindex = ifindex;
	e->len = len;
	e->idle_cpus = idle_cpus;
	e->reserved = 0;
}

/* Records one event in this CPU's batch, writing the batch out when it is full. */
static __always_inline void emit(__u32 kind, __u32 netns, __u64 object, __u32 ifindex, int len, __u32 idle_cpus)
{
	struct stacklab_batch *batch;
	struct stacklab_event *e;
	__u32 zero = 0, next;

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
		fill(e, kind, netns, object, ifindex, len, idle_cpus);
		bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
		return;
	}
	batch->busy = 1;
	barrier();
	next = batch->count & (SL_BATCH - 1);
	fill(&batch->events[next], kind, netns, object, ifindex, len, idle_cpus);
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

#endif

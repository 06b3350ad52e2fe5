/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where one poll of a BPF ring buffer copies its samples: a caller's buffer, filled sample by sample.
 *
 * libbpf consumes a sample before it hands it over, so a sample that finds no room is lost: the drain stops
 * while there is still room for the largest sample the ring can hold. Samples differ in size (a CPU's whole
 * batch of events, or one event written alone when a softirq interrupted a batch), so room for the sample
 * just copied is not enough.
 */
#ifndef STACKLAB_RING_DRAIN_H
#define STACKLAB_RING_DRAIN_H

#include <errno.h>
#include <stddef.h>
#include <string.h>

struct drain {
	char *base;
	size_t capacity;
	size_t used;
	size_t largest_sample; /* bytes of the largest sample the ring can hold */
};

/* libbpf's sample callback: copies the sample, and stops the poll (-EAGAIN) once the largest might not fit. */
static int drain_sample(void *ctx, void *data, size_t size)
{
	struct drain *d = ctx;

	if (size > d->capacity - d->used)
		return -ENOSPC; /* a sample larger than promised, or a buffer smaller than one: lost */
	memcpy(d->base + d->used, data, size);
	d->used += size;
	return d->capacity - d->used < d->largest_sample ? -EAGAIN : 0;
}

#endif

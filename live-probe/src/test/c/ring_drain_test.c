// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of ring_drain.h, the copy of ring-buffer samples into the reader's buffer: built by
 * build-native.sh beside the bridge, run by RingDrainTest. Exits 0 when every check holds, else prints the
 * first that failed and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ring_drain.h"

#define EVENT 48
#define BATCH (16 * EVENT)

static int failed(const char *what, long drain, size_t used)
{
	fprintf(stderr, "ring_drain_test: %s (drain %ld, %zu bytes used)\n", what, drain, used);
	return 1;
}

/* One event alone after a batch: room for another event is left, but not for the batch that may follow. */
static int stops_with_room_for_the_largest(void)
{
	char buffer[2 * BATCH], sample[BATCH] = {0};
	struct drain d = {buffer, sizeof(buffer), 0, BATCH};

	if (drain_sample(&d, sample, BATCH) != 0)
		return failed("a batch with room for another after it stopped the poll", 0, d.used);
	if (drain_sample(&d, sample, EVENT) != -EAGAIN)
		return failed("an event that left less room than a batch did not stop the poll", 0, d.used);
	return 0;
}

/* Drains of events and batches mixed at random: none is refused, and every byte arrives in order. */
static int mixed_samples_arrive_whole(void)
{
	static char buffer[40 * EVENT];
	char sample[BATCH];
	unsigned long long seed = 1, sent = 0, received = 0;

	for (long drain = 0; drain < 20000; drain++) {
		struct drain d = {buffer, sizeof(buffer), 0, BATCH};
		unsigned long long first = sent;
		int rc;

		do {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t size = (seed >> 33) % 4 == 0 ? EVENT : BATCH;
			for (size_t i = 0; i < size; i++)
				sample[i] = (char)(sent + i);
			rc = drain_sample(&d, sample, size);
			if (rc == -ENOSPC)
				return failed("a sample was refused: lost", drain, d.used);
			sent += size;
		} while (rc == 0);
		if (rc != -EAGAIN || d.capacity - d.used >= BATCH)
			return failed("the poll stopped with room for a batch", drain, d.used);
		for (size_t i = 0; i < d.used; i++)
			if (buffer[i] != (char)(first + i))
				return failed("a byte out of place", drain, i);
		received += d.used;
	}
	if (received != sent)
		return failed("bytes sent and copied differ", 0, (size_t)(sent - received));
	return 0;
}

int main(void)
{
	if (stops_with_room_for_the_largest() || mixed_samples_arrive_whole())
		return 1;
	printf("ring_drain_test: ok\n");
	return 0;
}

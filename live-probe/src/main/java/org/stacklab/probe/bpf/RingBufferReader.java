package org.stacklab.probe.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Drains a BPF ring buffer of fixed-size records, written one or several at a time. Each poll stops while its
 * buffer has room for the largest sample: the kernel's ring gives a sample up as it hands it over, and one that
 * found no room would be lost. Not thread-safe: one thread polls.
 */
public final class RingBufferReader implements AutoCloseable {

    /** Receives the records of one poll, each as a little slice of native-order bytes. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(ByteBuffer record);
    }

    private static final int RECORDS_PER_POLL = 16384;

    private final int recordSize;
    private final int largestSample;
    private final ByteBuffer buffer;
    private long handle;

    RingBufferReader(long handle, int recordSize, int largestSample) {
        if (largestSample < recordSize || largestSample % recordSize != 0) {
            throw new IllegalArgumentException("samples of whole records of " + recordSize + " bytes, not up to "
                    + largestSample);
        }
        this.handle = handle;
        this.recordSize = recordSize;
        this.largestSample = largestSample;
        this.buffer = ByteBuffer.allocateDirect(Math.max(recordSize * RECORDS_PER_POLL, largestSample))
                .order(ByteOrder.nativeOrder());
    }

    /**
     * Waits up to {@code timeoutMs} for a wake-up from the kernel (0: does not wait, and reads what
     * is there, which is the way to read records written without wake-ups), then hands each
     * record to {@code consumer}.
     *
     * @return how many records there were
     */
    public int poll(int timeoutMs, RecordConsumer consumer) throws BpfException {
        int bytes = Libbpf.ringBufferPoll(handle, buffer, timeoutMs, largestSample);
        int records = bytes / recordSize;
        for (int i = 0; i < records; i++) {
            consumer.accept(buffer.slice(i * recordSize, recordSize).order(ByteOrder.nativeOrder()));
        }
        return records;
    }

    @Override
    public void close() {
        if (handle != 0) {
            Libbpf.ringBufferClose(handle);
            handle = 0;
        }
    }
}

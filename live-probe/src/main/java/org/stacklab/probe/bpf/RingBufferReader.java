package org.stacklab.probe.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Drains a BPF ring buffer of fixed-size records. Not thread-safe: one thread polls.
 */
public final class RingBufferReader implements AutoCloseable {

    /** Receives the records of one poll, each as a little slice of native-order bytes. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(ByteBuffer record);
    }

    private final int recordSize;
    private final ByteBuffer buffer;
    private long handle;

    RingBufferReader(long handle, int recordSize) {
        this.handle = handle;
        this.recordSize = recordSize;
        this.buffer = ByteBuffer.allocateDirect(recordSize * 16384).order(ByteOrder.nativeOrder());
    }

    /**
     * Waits up to {@code timeoutMs} for a wake-up from the kernel (0: does not wait, and reads what
     * is there, which is the way to read records written without wake-ups), then hands each
     * record to {@code consumer}.
     *
     * @return how many records there were
     */
    public int poll(int timeoutMs, RecordConsumer consumer) throws BpfException {
        int bytes = Libbpf.ringBufferPoll(handle, buffer, timeoutMs);
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

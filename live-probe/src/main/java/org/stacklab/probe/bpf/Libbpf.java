package org.stacklab.probe.bpf;

import java.nio.ByteBuffer;
import org.stacklab.probe.NativeFiles;

/**
 * The JNI bridge to libbpf ({@code src/main/c/libbpf_jni.c}). Handles are native pointers; the
 * {@code AutoCloseable} types of this package own them, so nothing else should call these.
 */
final class Libbpf {

    static {
        System.load(NativeFiles.get().file(NativeFiles.JNI_LIBRARY).toString());
    }

    private Libbpf() {
    }

    /** The event layout the bridge was compiled with (bpf/include/stacklab.h), in {@link EventLayout}'s order. */
    static native int[] layout();

    /** Opens and loads a BPF object file. */
    static native long open(String path) throws BpfException;

    static native void close(long object);

    /** Attaches a program where its section name says (tracepoint, tp_btf, ...). */
    static native long attach(long object, String program) throws BpfException;

    /** Attaches a cgroup program (sock_ops) to a cgroup v2 directory. */
    static native long attachCgroup(long object, String program, String cgroupPath) throws BpfException;

    /** Attaches (or detaches) an sk_msg program to a SOCKMAP/SOCKHASH. */
    static native void attachSkMsg(long object, String program, String map, boolean attach) throws BpfException;

    static native void destroyLink(long link);

    /** Attaches a tc program to the ingress of {@code device} in the network namespace at {@code netnsPath}. */
    static native long attachTcIngress(long object, String program, String netnsPath, String device) throws BpfException;

    /** Detaches what {@link #attachTcIngress} attached, with the device's clsact qdisc. */
    static native void detachTc(long attachment);

    static native void mapUpdate(long object, String map, byte[] key, byte[] value) throws BpfException;

    static native boolean mapLookup(long object, String map, byte[] key, byte[] value) throws BpfException;

    static native long ringBufferOpen(long object, String map) throws BpfException;

    /**
     * Copies waiting samples into {@code target} (a direct buffer), stopping while there is room for one of
     * {@code largestSample} bytes; returns the bytes copied.
     */
    static native int ringBufferPoll(long reader, ByteBuffer target, int timeoutMs, int largestSample)
            throws BpfException;

    static native void ringBufferClose(long reader);
}

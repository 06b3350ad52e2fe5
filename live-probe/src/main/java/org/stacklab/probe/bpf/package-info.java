/**
 * The JNI bridge to libbpf and the layout it shares with bpf/include/stacklab.h: BPF objects, links,
 * maps and ring buffers; the event kinds and the named config slots.
 */
package org.stacklab.probe.bpf;

/**
 * The live half of the lab: a mode built for real on this machine and measured with eBPF, producing
 * the same traces and figures as the simulator. The native parts (the JNI bridge, the BPF objects, the
 * workload driver) are extracted by {@link org.stacklab.probe.NativeFiles}.
 */
package org.stacklab.probe;

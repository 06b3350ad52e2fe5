package org.stacklab.sim.stack;

/** Where in the system a stage runs; the UI draws one row per layer. */
public enum Layer {
    USER("user space"),
    SOCKET("socket"),
    TCP("TCP"),
    IP("IP"),
    NETFILTER("netfilter"),
    DEVICE("device"),
    BPF("eBPF"),
    SCHEDULER("scheduler");

    private final String label;

    Layer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package org.stacklab.sim.stack;

/** Whose CPU time a stage is: the applications', the kernel's, or the proxies'. */
public enum CpuCategory {
    USER("applications"),
    KERNEL("kernel"),
    PROXY("proxies");

    private final String label;

    CpuCategory(String label) {
        this.label = label;
    }

    /** Whose time it is, for people. */
    public String label() {
        return label;
    }
}

package org.stacklab.sim.stack;

/** Whose CPU time a stage is: the applications', the kernel's, or the proxies'. */
public enum CpuCategory {
    USER,
    KERNEL,
    PROXY
}

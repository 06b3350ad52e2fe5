package org.stacklab.sim.report;

import org.stacklab.sim.stack.CpuCategory;

/**
 * CPU time per request by whose it is ({@link CpuCategory}), µs.
 *
 * @param user   the applications'
 * @param kernel the kernel's
 * @param proxy  the proxies'
 */
public record CpuTimes(double user, double kernel, double proxy) {

    /** All of it. */
    public double total() {
        return user + kernel + proxy;
    }

    /** The time of one category. */
    public double us(CpuCategory category) {
        return switch (category) {
            case USER -> user;
            case KERNEL -> kernel;
            case PROXY -> proxy;
        };
    }
}

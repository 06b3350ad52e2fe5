package org.stacklab.sim.engine;

import java.nio.charset.StandardCharsets;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Named, independent random streams derived from one seed.
 *
 * <p>Each source of randomness (a stage's cost, an arrival process) draws from its own stream,
 * so adding a stage or a mode does not shift the numbers another stage sees, and two modes run
 * with the same seed use common random numbers where their paths agree.
 */
public final class RandomStreams {

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A new generator for the named stream; the same seed and name give the same sequence. */
    public RandomGenerator stream(String name) {
        return new SplitMixGenerator(mix(seed, name));
    }

    private static long mix(long seed, String name) {
        // FNV-1a over the name, then a SplitMix64 finaliser over seed and hash.
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed + 0x9e3779b97f4a7c15L * (hash | 1);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

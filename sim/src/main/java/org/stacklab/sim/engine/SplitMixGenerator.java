package org.stacklab.sim.engine;

import org.apache.commons.math3.random.BitsStreamGenerator;

/**
 * A fast seeded generator for the model's draws: SplitMix64 (the generator behind Java's
 * {@code SplittableRandom}), one multiply-xorshift mix per 64 bits, behind commons-math's generator
 * interface so that its distributions draw from it. Normal deviates come from Marsaglia's polar
 * method with the JDK's intrinsic {@code Math.log}: drawing a stage's service time was four fifths of
 * the model's time with a Mersenne-twister variant and commons-math's software log, cos and sin.
 * The same seed gives the same sequence.
 */
public final class SplitMixGenerator extends BitsStreamGenerator {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian = Double.NaN;

    public SplitMixGenerator(long seed) {
        state = seed;
    }

    @Override
    public void setSeed(int seed) {
        setSeed((long) seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long mixed = 0;
        for (int s : seed) {
            mixed = mixed * 0x100000001b3L + s;
        }
        setSeed(mixed);
    }

    @Override
    public void setSeed(long seed) {
        state = seed;
        spareGaussian = Double.NaN;
        clear();
    }

    @Override
    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    protected int next(int bits) {
        return (int) (nextLong() >>> (64 - bits));
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform on [0, 1), from the top 53 bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** A standard normal deviate, by the polar method (two per accepted pair; the second is kept for the next call). */
    @Override
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double spare = spareGaussian;
            spareGaussian = Double.NaN;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * scale;
        return u * scale;
    }
}

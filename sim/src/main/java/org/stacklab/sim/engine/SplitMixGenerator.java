package org.stacklab.sim.engine;

import org.apache.commons.math3.random.BitsStreamGenerator;

/**
 * A fast seeded generator for the model's draws: SplitMix64 (the generator behind Java's
 * {@code SplittableRandom}), one multiply-xorshift mix per 64 bits, behind commons-math's generator
 * interface so that its distributions draw from it. Normal deviates come from Marsaglia and Tsang's
 * ziggurat (128 layers): in nearly all draws one 64-bit number, a table lookup and a multiply (its low
 * bits choose the layer, its high 32 the point, so that the two are independent); drawing a stage's
 * service time was four fifths of the model's time with a Mersenne-twister variant and commons-math's
 * software log, cos and sin, a third with the polar method. The same seed gives the same sequence.
 */
public final class SplitMixGenerator extends BitsStreamGenerator {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private static final int LAYERS = 128;
    /** Where the base layer's tail begins. */
    private static final double TAIL = 3.442619855899;
    private static final double LAYER_AREA = 9.91256303526217e-3;
    private static final double SCALE = 2147483648.0; // 2^31: the point is a signed 32-bit number
    /** Per layer: the point below which a draw needs no test, its scale to x, and the density at its edge. */
    private static final long[] KN = new long[LAYERS];
    private static final double[] WN = new double[LAYERS];
    private static final double[] FN = new double[LAYERS];

    static {
        double dn = TAIL;
        double tn = dn;
        double q = LAYER_AREA / Math.exp(-0.5 * dn * dn);
        KN[0] = (long) ((dn / q) * SCALE);
        KN[1] = 0;
        WN[0] = q / SCALE;
        WN[LAYERS - 1] = dn / SCALE;
        FN[0] = 1;
        FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = Math.sqrt(-2 * Math.log(LAYER_AREA / dn + Math.exp(-0.5 * dn * dn)));
            KN[i + 1] = (long) ((dn / tn) * SCALE);
            tn = dn;
            FN[i] = Math.exp(-0.5 * dn * dn);
            WN[i] = dn / SCALE;
        }
    }

    private long state;

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

    /** A standard normal deviate, by the ziggurat. */
    @Override
    public double nextGaussian() {
        while (true) {
            long bits = nextLong();
            int layer = (int) (bits & (LAYERS - 1));
            long point = bits >> 32; // signed, from the bits the layer did not use
            if (Math.abs(point) < KN[layer]) {
                return point * WN[layer];
            }
            double x = point * WN[layer];
            if (layer == 0) { // the tail beyond the base layer, by Marsaglia's method for it
                double tailX;
                double y;
                do {
                    tailX = -Math.log(1 - nextDouble()) / TAIL;
                    y = -Math.log(1 - nextDouble());
                } while (y + y < tailX * tailX);
                return point > 0 ? TAIL + tailX : -TAIL - tailX;
            }
            if (FN[layer] + nextDouble() * (FN[layer - 1] - FN[layer]) < Math.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }
}

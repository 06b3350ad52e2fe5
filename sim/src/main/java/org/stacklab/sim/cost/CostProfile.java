package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.stack.Stage;

/**
 * A machine's costs: one {@link StageCost} for every {@link Stage}, and factors for the contexts
 * in which a stage costs more or less than its own figure says.
 *
 * @param name           short name, as used on the command line
 * @param description    what machine the numbers describe
 * @param stages         the cost of each stage; every stage must be present
 * @param contextFactors factors by cost context ({@code segment:context}, see {@code Step.context()}),
 *                       e.g. {@code wakeup:epoll: 2.4} when an epoll wake-up takes 2.4 times the stages'
 *                       figures; a context without one costs what its stages say. Calibration fits them.
 * @param contextStages  base distributions of stages in a context, where they differ from the stage's own
 *                       (e.g. a wider CTX_SWITCH in {@code wakeup:epoll}); the context's factor still applies
 * @param wakeupCorrelation how much the wake-ups of one round trip are slow or quick together, as the
 *                       correlation of their normal scores (a Gaussian copula), from 0 (independent)
 *                       to below 1: on a VM the host slows a vCPU for longer than a round trip, so a
 *                       trip's context switches share its luck. Each switch keeps its own distribution.
 *                       Calibration measures it.
 * @param wakePlacement  where woken readers run and what a busy CPU saves ({@link WakePlacement#NONE} if not said)
 * @param perByteFactors factors of the per-byte costs (the copies) by cost context, where they differ from
 *                       the context's factor: a ping-pong of small messages fits a context's factor, one of
 *                       large messages says what a byte costs there (on the lab VM a redirected reader's
 *                       copy out costs about three times a TCP reader's). Calibration fits them.
 * @param timers         what a timer costs the thread it wakes (how late on an idle CPU, and its CPU), or null for
 *                       on time and free: an open loop's requests are written when their thread's timer fires, and
 *                       their latency counts from the intended time. Calibration takes it from the recordings.
 * @param workSpread     how much the work of one round trip (every visit but its context switches) is slow or quick
 *                       together: each round trip's work is scaled by a factor of its own, log-normal with this
 *                       log standard deviation and a mean of one (0: none). The stages are drawn apart, so their
 *                       sum would hardly spread; on the lab VM a round trip's work varies as one (the host's
 *                       caches and steal are the trip's, not a stage's). Calibration fits it with the correlation.
 */
public record CostProfile(String name, String description, Map<Stage, StageCost> stages,
                          Map<String, Double> contextFactors, Map<String, Map<Stage, CostDistribution>> contextStages,
                          double wakeupCorrelation, WakePlacement wakePlacement, Map<String, Double> perByteFactors,
                          @JsonInclude(JsonInclude.Include.NON_NULL) TimerCost timers,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) double workSpread) {

    /** A spread beyond this (a round trip's work five times the median at p90) is a slip, not a fit. */
    public static final double MAX_WORK_SPREAD = 1.25;

    /** The same profile with another wake-up correlation. */
    public CostProfile withWakeupCorrelation(double correlation) {
        return new CostProfile(name, description, stages, contextFactors, contextStages, correlation, wakePlacement,
                perByteFactors, timers, workSpread);
    }

    /** The same profile with another spread of its round trips' work, its description told why. */
    public CostProfile withWorkSpread(double spread, String why) {
        return new CostProfile(name, description + why, stages, contextFactors, contextStages, wakeupCorrelation,
                wakePlacement, perByteFactors, timers, spread);
    }

    /** The same profile with another wake placement, its description told why. */
    public CostProfile withWakePlacement(WakePlacement placement, String why) {
        return new CostProfile(name, description + why, stages, contextFactors, contextStages, wakeupCorrelation,
                placement, perByteFactors, timers, workSpread);
    }

    /** The same profile with other per-byte factors, its description told why. */
    public CostProfile withPerByteFactors(Map<String, Double> factors, String why) {
        return new CostProfile(name, description + why, stages, contextFactors, contextStages, wakeupCorrelation,
                wakePlacement, factors, timers, workSpread);
    }

    /** The same profile with other timers (null: on time and free), its description told why. */
    public CostProfile withTimers(TimerCost costs, String why) {
        return new CostProfile(name, description + why, stages, contextFactors, contextStages, wakeupCorrelation,
                wakePlacement, perByteFactors, costs, workSpread);
    }

    /** A context costing a thousand times its stages' figures is a slip, not a measurement. */
    public static final double MAX_CONTEXT_FACTOR = 1_000;

    /** A profile of stage costs alone. */
    public CostProfile(String name, String description, Map<Stage, StageCost> stages) {
        this(name, description, stages, Map.of(), Map.of(), 0.0, WakePlacement.NONE, Map.of());
    }

    /** A profile whose wake-ups cost the same wherever they land. */
    public CostProfile(String name, String description, Map<Stage, StageCost> stages,
                       Map<String, Double> contextFactors, Map<String, Map<Stage, CostDistribution>> contextStages,
                       double wakeupCorrelation) {
        this(name, description, stages, contextFactors, contextStages, wakeupCorrelation, WakePlacement.NONE, Map.of());
    }

    /** A profile whose timers wake their threads on time. */
    public CostProfile(String name, String description, Map<Stage, StageCost> stages,
                       Map<String, Double> contextFactors, Map<String, Map<Stage, CostDistribution>> contextStages,
                       double wakeupCorrelation, WakePlacement wakePlacement, Map<String, Double> perByteFactors) {
        this(name, description, stages, contextFactors, contextStages, wakeupCorrelation, wakePlacement, perByteFactors,
                null);
    }

    /** A profile whose round trips' work does not spread together. */
    public CostProfile(String name, String description, Map<Stage, StageCost> stages,
                       Map<String, Double> contextFactors, Map<String, Map<Stage, CostDistribution>> contextStages,
                       double wakeupCorrelation, WakePlacement wakePlacement, Map<String, Double> perByteFactors,
                       TimerCost timers) {
        this(name, description, stages, contextFactors, contextStages, wakeupCorrelation, wakePlacement, perByteFactors,
                timers, 0);
    }

    /** A profile as a file gives it: what it leaves out is empty, or 0 for the wake-up correlation and work spread. */
    @JsonCreator
    public static CostProfile read(@JsonProperty(value = "name", required = true) String name,
                                   @JsonProperty(value = "description", required = true) String description,
                                   @JsonProperty(value = "stages", required = true) Map<Stage, StageCost> stages,
                                   @JsonProperty("contextFactors") Map<String, Double> contextFactors,
                                   @JsonProperty("contextStages") Map<String, Map<Stage, CostDistribution>> contextStages,
                                   @JsonProperty("wakeupCorrelation") Double wakeupCorrelation,
                                   @JsonProperty("wakePlacement") WakePlacement wakePlacement,
                                   @JsonProperty("perByteFactors") Map<String, Double> perByteFactors,
                                   @JsonProperty("timers") TimerCost timers,
                                   @JsonProperty("workSpread") Double workSpread) {
        return new CostProfile(name, description, stages, contextFactors, contextStages,
                wakeupCorrelation == null ? 0 : wakeupCorrelation, wakePlacement == null ? WakePlacement.NONE : wakePlacement,
                perByteFactors, timers, workSpread == null ? 0 : workSpread);
    }

    public CostProfile(String name, String description, Map<Stage, StageCost> stages,
                       Map<String, Double> contextFactors, Map<String, Map<Stage, CostDistribution>> contextStages,
                       double wakeupCorrelation, WakePlacement wakePlacement, Map<String, Double> perByteFactors,
                       TimerCost timers, double workSpread) {
        InvalidValue.require(workSpread >= 0 && workSpread <= MAX_WORK_SPREAD, "workSpread",
                "workSpread must be at least 0 and at most " + MAX_WORK_SPREAD + ", not " + workSpread);
        this.workSpread = workSpread;
        this.timers = timers;
        this.wakePlacement = wakePlacement == null ? WakePlacement.NONE : wakePlacement;
        InvalidValue.require(wakeupCorrelation >= 0 && wakeupCorrelation < 1, "wakeupCorrelation",
                "wakeupCorrelation must be at least 0 and below 1, not " + wakeupCorrelation);
        this.wakeupCorrelation = wakeupCorrelation;
        this.name = name;
        this.description = description;
        this.stages = new EnumMap<>(stages);
        this.contextFactors = contextFactors == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(contextFactors));
        this.contextFactors.forEach((context, factor) -> requireFactor("contextFactors", context, factor));
        this.perByteFactors = perByteFactors == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(perByteFactors));
        this.perByteFactors.forEach((context, factor) -> requireFactor("perByteFactors", context, factor));
        Map<String, Map<Stage, CostDistribution>> byContext = new TreeMap<>();
        if (contextStages != null) {
            contextStages.forEach((context, byStage) -> {
                requireKnownSegment(context, "contextStages." + context);
                Map<Stage, CostDistribution> copy = new EnumMap<>(Stage.class);
                copy.putAll(byStage);
                byContext.put(context, java.util.Collections.unmodifiableMap(copy));
            });
        }
        this.contextStages = java.util.Collections.unmodifiableMap(byContext);
        Set<String> missing = new TreeSet<>();
        for (Stage stage : Stage.values()) {
            if (!stages.containsKey(stage)) {
                missing.add(stage.name());
            }
        }
        InvalidValue.require(missing.isEmpty(), "stages", "the profile has no cost for " + String.join(", ", missing));
    }

    @Override
    public Map<Stage, StageCost> stages() {
        return java.util.Collections.unmodifiableMap(stages); // in the stages' order, so a written profile repeats
    }

    /** A stage's base distribution in a cost context, where the profile gives one of its own. */
    public java.util.Optional<CostDistribution> contextStage(String costContext, Stage stage) {
        return java.util.Optional.ofNullable(contextStages.getOrDefault(costContext, Map.of()).get(stage));
    }

    private static void requireFactor(String map, String context, Double factor) {
        InvalidValue.require(factor != null && factor > 0 && factor <= MAX_CONTEXT_FACTOR, map + "." + context,
                map + "." + context + " must be a number > 0 and at most " + (long) MAX_CONTEXT_FACTOR + ", not " + factor);
        requireKnownSegment(context, map + "." + context);
    }

    /** A cost context names its segment first ({@code send:veth}); an unknown one would silently never apply. */
    private static void requireKnownSegment(String costContext, String field) {
        String segment = costContext.substring(0, Math.max(0, costContext.indexOf(':')));
        InvalidValue.require(org.stacklab.sim.stack.Segment.byKey(segment).isPresent(), field,
                "unknown segment '" + segment + "' in cost context '" + costContext + "' (expected one of "
                        + String.join(", ", java.util.Arrays.stream(org.stacklab.sim.stack.Segment.values())
                                .map(org.stacklab.sim.stack.Segment::key).toList())
                        + "; a profile calibrated before the proxies' work was timed apart named both 'user':"
                        + " calibrate it again)");
    }

    /** The factor of a cost context ({@code segment:context}); 1 if the profile names none. */
    public double contextFactor(String costContext) {
        return contextFactors.getOrDefault(costContext, 1.0);
    }

    /** The factor of a cost context's per-byte costs: its own if fitted, else the context's factor. */
    public double perByteFactor(String costContext) {
        Double own = perByteFactors.get(costContext);
        return own != null ? own : contextFactor(costContext);
    }

    public StageCost cost(Stage stage) {
        return stages.get(stage);
    }
}

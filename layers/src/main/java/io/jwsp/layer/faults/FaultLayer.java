package io.jwsp.layer.faults;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The fault-injection layer: makes chosen calls on chosen sockets fail, wait, lose data or reset, by a
 * {@link FaultPlan}. The plan is given to the constructor or {@link #arm}ed later (it applies from the next call
 * on, with fresh counts); the ServiceLoader instance reads the settings {@code faults.plan} ({@link FaultPlanText})
 * and {@code faults.seed}. Every fault that fires is kept in {@link #fired()} and logged at DEBUG.
 */
public final class FaultLayer implements LayeredProviderFactory {
    public static final String NAME = "faults";
    public static final UUID PROVIDER_ID = UUID.fromString("6a1f4c2e-7b1d-4e55-9c0a-7d1e0b7a7003");

    private volatile FaultPlan plan;
    private volatile boolean explicit;
    private final List<FaultEvent> fired = new ArrayList<>();

    /** For ServiceLoader: the plan comes from the settings (none when they name none). */
    public FaultLayer() {
        this.plan = FaultPlan.none();
    }

    public FaultLayer(FaultPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.explicit = true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UUID providerId() {
        return PROVIDER_ID;
    }

    /** Replaces the plan for every provider this layer made; counts start again. */
    public void arm(FaultPlan newPlan) {
        this.plan = Objects.requireNonNull(newPlan, "plan");
        this.explicit = true;
    }

    /** No more faults. */
    public void disarm() {
        arm(FaultPlan.none());
    }

    public FaultPlan plan() {
        return plan;
    }

    /** The faults that fired so far, in order. */
    public List<FaultEvent> fired() {
        synchronized (fired) {
            return List.copyOf(fired);
        }
    }

    void record(FaultEvent event) {
        synchronized (fired) {
            fired.add(event);
        }
    }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        if (!explicit) {
            String text = context.setting("plan", context.setting(NAME + ".plan", ""));
            String seed = context.setting("seed", context.setting(NAME + ".seed", "0"));
            if (!text.isBlank()) {
                plan = FaultPlanText.parse(text).seed(Long.parseLong(seed.trim()));
            }
        }
        return new FaultProvider(lower, this, context.timeSource());
    }
}

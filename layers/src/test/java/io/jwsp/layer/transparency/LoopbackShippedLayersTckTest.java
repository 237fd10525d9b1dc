package io.jwsp.layer.transparency;

import io.jwsp.layer.faults.FaultLayer;
import io.jwsp.layer.faults.FaultPlan;
import io.jwsp.layer.metrics.MetricsLayer;
import io.jwsp.layer.trace.TraceLayer;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.testkit.tck.ProviderUnderTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The TCK over loopback through the three shipped layers stacked (trace, metrics, faults with an empty plan):
 * observing, measuring and an unarmed fault layer change nothing an application can see.
 */
class LoopbackShippedLayersTckTest extends PassThroughTck {
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @Override
    protected ProviderUnderTest provider() {
        return LoopbackPutFactory.loopback();
    }

    @Override
    protected List<LayeredProviderFactory> layers() {
        return List.of(new TraceLayer(), new MetricsLayer(REGISTRY), new FaultLayer(FaultPlan.none()));
    }

    @AfterAll
    static void theChainWasUsed() {
        var sockets = REGISTRY.find("jwsp.calls").tag("call", "socket").counter();
        assertChainUsed(sockets == null ? 0 : sockets.count());
    }
}

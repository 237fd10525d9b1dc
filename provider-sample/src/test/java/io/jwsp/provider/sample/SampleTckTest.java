package io.jwsp.provider.sample;

import io.jwsp.testkit.tck.ProviderTck;
import io.jwsp.testkit.tck.ProviderUnderTest;

/**
 * The sample provider against the whole TCK, on a virtual clock (a 30 s linger passes in microseconds). Listeners
 * bind to {@link SampleSockAddr#ANY}, the "port 0" of this transport, so every test gets a fresh name; the client
 * connects to whatever getsockname answers. Every quirk keeps its TCP-like default except TIME_WAIT, which this
 * transport does not have (the three TIME_WAIT cases are skipped and say so).
 */
class SampleTckTest extends ProviderTck {
    @Override
    protected ProviderUnderTest provider() {
        return ProviderUnderTest.builder(new SampleProviderFactory(), SampleSockAddr.ANY)
                .virtualTime(true)
                .hasTimeWait(false)
                .build();
    }
}

package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.testkit.fake.FakeProviderFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The TCK's shape: every case runs from a subclass, names follow the rules, skips say why, failures stay failures. */
class TckStructureTest {

    static ProviderUnderTest fake() {
        return ProviderUnderTest.builder(new FakeProviderFactory(), InetSockAddr.loopback4(0)).build();
    }

    /** What a provider module writes. */
    static class FakeTck extends ProviderTck {
        @Override
        protected ProviderUnderTest provider() {
            return fake();
        }
    }

    @Test
    void aSubclassDiscoversEveryInheritedCase() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FakeTck.class)).build());
        Set<String> discovered = plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .filter(TestIdentifier::isTest)
                .map(TestIdentifier::getLegacyReportingName)
                .map(n -> n.replace("()", ""))
                .collect(Collectors.toSet());
        List<String> declared = TckRunner.caseNames();
        assertEquals(new HashSet<>(declared), discovered);
        assertEquals(declared.size(), new HashSet<>(declared).size(), "case names are unique");
        assertTrue(declared.size() >= 50, "the TCK has " + declared.size() + " cases");
        for (String name : declared) {
            assertTrue(name.startsWith("required_") || name.startsWith("optional_"), name);
        }
    }

    @Test
    void skipsOnlyForDeclaredCapabilities_withTheReason() {
        ProviderUnderTest noFlowControl = ProviderUnderTest.builder(new FakeProviderFactory(), InetSockAddr.loopback4(0))
                .peerFlowControl(false).hasTimeWait(false).build();
        Map<String, String> expected = Map.of(
                "required_shutdown_send_halfClose_shutSideStillReceives", "XP1_GRACEFUL_CLOSE",
                "required_solinger_datagram_isWSAENOPROTOOPT", "SOCK_DGRAM",
                "required_closesocket_lingerN_blocking_stalledPeer_waitsLingerThenHardClose", "peerFlowControl",
                "optional_closesocket_gracefulActiveClose_entersTimeWait", "hasTimeWait");
        TckReport report = TckRunner.run(noFlowControl, expected::containsKey);
        assertEquals(expected.size(), report.cases().size(), report.cases()::toString);
        for (TckCase c : report.cases()) {
            assertEquals(TckCase.Status.SKIPPED, c.status(), c::toString);
            assertTrue(c.detail().contains(expected.get(c.name())), c.name() + " says why: " + c.detail());
        }
        assertEquals(3, report.count(TckCase.Level.REQUIRED, TckCase.Status.SKIPPED));
        assertEquals(1, report.count(TckCase.Level.OPTIONAL, TckCase.Status.SKIPPED));
    }

    @Test
    void aFailingCaseIsReportedFailed_notSkipped() {
        // The fake knows SO_LINGER but not SO_DONTLINGER: the defaults case must fail, with the call named.
        TckReport report = TckRunner.run(fake(), "required_solinger_defaults_dontLingerTrueAndLingerZeroZero"::equals);
        assertEquals(1, report.cases().size(), report.cases()::toString);
        TckCase c = report.cases().getFirst();
        assertEquals(TckCase.Status.FAILED, c.status());
        assertEquals(TckCase.Level.REQUIRED, c.level());
        assertTrue(c.detail().contains("SO_DONTLINGER"), c.detail());
        assertFalse(report.conformant());
        assertTrue(report.summary().contains("required 0 passed, 1 failed"), report.summary());
    }

    @Test
    void runsAProvidersOwnSubclassToo() {
        TckReport report = TckRunner.run(FakeTck.class, "required_solinger_datagram_isWSAENOPROTOOPT"::equals);
        assertEquals(1, report.cases().size());
        assertEquals(TckCase.Status.SKIPPED, report.cases().getFirst().status());
    }
}

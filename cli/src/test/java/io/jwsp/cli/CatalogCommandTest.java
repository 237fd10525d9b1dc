package io.jwsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code jwsp catalog}: entries in catalog order, and the JSON shape scripts rely on. */
class CatalogCommandTest {

    @Test
    @SuppressWarnings("unchecked")
    void json_listsEveryShippedProvider_withTheDocumentedFields() {
        CliRun r = CliRun.of("catalog", "--json");
        assertEquals(ExitCode.OK, r.exit(), r.err());
        List<Object> entries = (List<Object>) JsonReader.parse(r.out());
        assertTrue(entries.size() >= 4, r.out());
        for (Object o : entries) {
            Map<String, Object> e = (Map<String, Object>) o;
            for (String key : List.of("name", "addressFamily", "socketType", "protocol", "serviceFlags",
                    "catalogEntryId", "chain", "providerId")) {
                assertTrue(e.containsKey(key), key + " missing in " + e);
            }
            assertTrue(e.get("addressFamily") instanceof Long, "addressFamily is a number: " + e);
            assertTrue(e.get("serviceFlagNames") instanceof List, "serviceFlagNames is a list: " + e);
        }
        Set<Object> providers = entries.stream().map(o -> ((Map<String, Object>) o).get("provider"))
                .collect(Collectors.toSet());
        assertTrue(providers.containsAll(Set.of("tcp", "loopback", "irda", "atm")), providers.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void json_entriesAreInCatalogOrder_withUniqueIds_andWindowsNumbers() {
        List<Object> entries = (List<Object>) JsonReader.parse(CliRun.of("catalog", "--json").out());
        List<Long> ids = entries.stream().map(o -> (Long) ((Map<String, Object>) o).get("catalogEntryId")).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size(), "ids are unique: " + ids);
        Map<String, Object> irda = entries.stream().map(o -> (Map<String, Object>) o)
                .filter(e -> "irda".equals(e.get("provider"))).findFirst().orElseThrow();
        // Windows' AF_IRDA, never the host's: 26.
        assertEquals(26L, irda.get("addressFamily"));
        assertEquals("AF_IRDA", irda.get("addressFamilyName"));
        // IrDA promises no graceful close.
        assertTrue(!((List<Object>) irda.get("serviceFlagNames")).contains("GRACEFUL_CLOSE"));
        Map<String, Object> atm = entries.stream().map(o -> (Map<String, Object>) o)
                .filter(e -> "atm".equals(e.get("provider"))).findFirst().orElseThrow();
        assertEquals(22L, atm.get("addressFamily"));
        assertEquals(3L, atm.get("socketType"));
    }

    @Test
    void text_hasAHeaderAndOneLinePerEntry() {
        CliRun text = CliRun.of("catalog");
        assertEquals(ExitCode.OK, text.exit());
        List<String> lines = text.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("ID"), lines.getFirst());
        assertTrue(lines.getFirst().contains("SERVICE FLAGS") && lines.getFirst().contains("CHAIN"));
        @SuppressWarnings("unchecked")
        int entries = ((List<Object>) JsonReader.parse(CliRun.of("catalog", "--json").out())).size();
        // header, rule, the entries, the summary line
        assertEquals(entries + 3, lines.size(), text.out());
        assertTrue(text.out().contains("26 AF_IRDA"), text.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void extensionFunctions_perEntry_inJsonAndAsAColumn() {
        List<Object> entries = (List<Object>) JsonReader.parse(CliRun.of("catalog", "--json").out());
        Map<String, List<Object>> byProvider = entries.stream().map(o -> (Map<String, Object>) o)
                .filter(e -> !"SOCK_DGRAM".equals(e.get("socketTypeName")))
                .collect(Collectors.toMap(e -> (String) e.get("provider"), e -> (List<Object>) e.get("extensionFunctions"),
                        (a, b) -> a));
        List<Object> all = List.of("AcceptEx", "GetAcceptExSockaddrs", "ConnectEx", "DisconnectEx", "TransmitFile",
                "TransmitPackets");
        assertEquals(all, byProvider.get("tcp"), "tcp's stream entry");
        assertEquals(all, byProvider.get("loopback"), "loopback's stream entry");
        assertEquals(List.of("AcceptEx", "GetAcceptExSockaddrs", "DisconnectEx", "TransmitFile", "TransmitPackets"),
                byProvider.get("irda"), "irda declares no ConnectEx");
        assertEquals(List.of("AcceptEx", "GetAcceptExSockaddrs", "ConnectEx", "DisconnectEx", "TransmitPackets"),
                byProvider.get("atm"), "atm declares no TransmitFile (SOCK_RAW)");
        String header = CliRun.of("catalog").out().lines().findFirst().orElseThrow();
        assertTrue(header.contains("EXTENSIONS"), header);
        assertTrue(CliRun.of("catalog").out().contains("AcceptEx,GetAcceptExSockaddrs,ConnectEx,DisconnectEx,TransmitFile,TransmitPackets"));
    }
}

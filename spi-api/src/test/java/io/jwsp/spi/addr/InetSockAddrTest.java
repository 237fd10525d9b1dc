package io.jwsp.spi.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InetSockAddrTest {

    @Test
    void parsesHostPortAndBracketedV6() {
        InetSockAddr v4 = InetSockAddr.parse("127.0.0.1:8080");
        assertEquals(AddressFamily.AF_INET, v4.addressFamily());
        assertEquals("127.0.0.1:8080", v4.toString());
        InetSockAddr v6 = InetSockAddr.parse("[::1]:9");
        assertEquals(AddressFamily.AF_INET6, v6.addressFamily());
        assertEquals(23, v6.addressFamily(), "Windows' AF_INET6, not the host's");
        assertEquals(9, v6.port());
        assertEquals("127.0.0.1:1", InetSockAddr.parse("localhost:1").toString());
    }

    @Test
    void refusesNamesThatWouldNeedALookupAndMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> InetSockAddr.parse("example.com:80"));
        assertThrows(IllegalArgumentException.class, () -> InetSockAddr.parse("::1:80"));
        assertThrows(IllegalArgumentException.class, () -> InetSockAddr.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> InetSockAddr.parse("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> InetSockAddr.parse("127.0.0.1:70000"));
    }
}

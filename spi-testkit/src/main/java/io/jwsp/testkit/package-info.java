/**
 * Test support for jwsp. {@link io.jwsp.testkit.JwspTest} gives each test method its own runtime (the providers,
 * layers and Guice modules it names, a {@link io.jwsp.spi.time.VirtualClock} unless it asks for the real clock,
 * WSAStartup 2.2 done) and fails the test when sockets are left open. {@link io.jwsp.testkit.IsolatedRuntime} is the
 * same without JUnit: {@code IsolatedRuntime.builder().provider(f).start()}, closed with a leak check.
 */
package io.jwsp.testkit;

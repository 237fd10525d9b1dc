package io.jwsp.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a call on a thread of its own: never on a shared pool, where a call that blocks (the point of most of these
 * tests) could hold up the next one.
 */
final class OnThread {
    private OnThread() {
    }

    static <T> CompletableFuture<T> run(Supplier<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofPlatform().name("jwsp-test-call").start(() -> {
            try {
                f.complete(body.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }
}

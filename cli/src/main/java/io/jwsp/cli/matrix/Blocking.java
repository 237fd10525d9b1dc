package io.jwsp.cli.matrix;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking socket call (connect, accept, a lingering close) made on a thread of its own, so that the scenario's
 * thread can read at the peer and move a virtual clock meanwhile.
 */
final class Blocking<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    private Blocking(String name, Callable<T> call) {
        thread = Thread.ofPlatform().daemon().name("jwsp-matrix-" + name).unstarted(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    static <T> Blocking<T> start(String name, Callable<T> call) {
        Blocking<T> b = new Blocking<>(name, call);
        b.thread.start();
        return b;
    }

    boolean done() {
        return result.isDone();
    }

    /** Waits at most {@code millis} of real time; answers whether the call has returned. */
    boolean join(long millis) throws InterruptedException {
        try {
            result.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
        return true;
    }

    T value() {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the blocking call threw", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Gives up on a call that never returned (the row failed): the daemon thread is left to the runtime's close. */
    void abandon() {
        thread.interrupt();
    }
}

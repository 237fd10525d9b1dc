package io.jwsp.bench;

/** A background thread that consumes what a bulk benchmark sends, until told to stop. */
final class Drainer implements AutoCloseable {
    interface ReadOnce {
        /** Reads once; answers false when the stream ended or failed. */
        boolean read() throws Exception;
    }

    private final Thread thread;
    private volatile boolean stop;

    Drainer(String name, ReadOnce body) {
        thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                while (!stop && body.read()) {
                    // keep draining
                }
            } catch (Exception e) {
                if (!stop) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}

package io.jwsp.provider.irda.medium;

/** Carries frames to devices outside this process (the in-process medium needs none). */
public interface Transport extends AutoCloseable {
    /** Starts receiving; frames and discovery answers go to {@code space}. */
    void start(IrSpace space) throws java.io.IOException;

    /** Sends one frame to the process that owns its destination device; dropped (and logged) if none is known. */
    void send(LmpFrame frame, byte[] irlap);

    /** Sends an XID discovery command to every known peer process. */
    void discover();

    @Override
    void close();
}

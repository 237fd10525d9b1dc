package io.jwsp.layer.trace;

import io.jwsp.spi.ProviderContext;

/** What the trace layer reads from its settings. */
record TraceSettings(boolean payload, int payloadLimit, String loggerName) {
    static final int DEFAULT_PAYLOAD_LIMIT = 64;

    static TraceSettings from(ProviderContext context) {
        return new TraceSettings(
                Boolean.parseBoolean(read(context, "payload", "false")),
                Integer.parseInt(read(context, "payloadLimit", Integer.toString(DEFAULT_PAYLOAD_LIMIT))),
                read(context, "logger", TraceLayer.DEFAULT_LOGGER));
    }

    /** The runtime strips the layer's prefix; a key written in full ({@code trace.payload}) is honoured too. */
    private static String read(ProviderContext context, String key, String fallback) {
        return context.setting(key, context.setting(TraceLayer.NAME + "." + key, fallback));
    }
}

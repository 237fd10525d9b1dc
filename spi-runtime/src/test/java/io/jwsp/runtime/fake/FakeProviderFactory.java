package io.jwsp.runtime.fake;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SockOpt;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A configurable base provider factory for runtime tests. */
public class FakeProviderFactory implements WspProviderFactory {
    /** A provider-specific option (level 0x7777, name 1), an int. */
    public static final SockOpt<Integer> FAKE_OPT = new SockOpt<>(0x7777, 1, "FAKE_OPT", OptionCodec.INT);
    /** A provider-specific option without a flat byte form. */
    public static final SockOpt<String> FAKE_TEXT = new SockOpt<>(0x7777, 2, "FAKE_TEXT", null);

    private final String name;
    private final UUID id;
    private final int priority;
    private final List<ProtocolInfo> entries = new ArrayList<>();
    public final List<FakeProvider> created = new CopyOnWriteArrayList<>();
    public volatile boolean failCreate;
    public volatile boolean failStartup;
    public volatile ProviderContext lastContext;

    public FakeProviderFactory(String name, int priority) {
        this(name, UUID.nameUUIDFromBytes(name.getBytes()), priority);
    }

    public FakeProviderFactory(String name, UUID id, int priority) {
        this.name = name;
        this.id = id;
        this.priority = priority;
    }

    /** Declares an entry matching protocol exactly (or 0 too when {@code zero}). */
    public FakeProviderFactory entry(String entryName, int af, int type, int protocol, boolean zero) {
        entries.add(ProtocolInfo.base(entryName, id, af, type, protocol, 0,
                zero ? ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO : 0, 0));
        return this;
    }

    public FakeProviderFactory entry(ProtocolInfo info) {
        entries.add(info);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID providerId() {
        return id;
    }

    @Override
    public List<ProtocolInfo> protocolEntries() {
        return List.copyOf(entries);
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public List<SockOpt<?>> socketOptions() {
        return List.of(FAKE_OPT, FAKE_TEXT);
    }

    @Override
    public WspProvider create(ProviderContext context) {
        if (failCreate) {
            throw new IllegalStateException("fake create failure");
        }
        lastContext = context;
        FakeProvider p = new FakeProvider(name, context, failStartup);
        created.add(p);
        return p;
    }

    /** The single instance made so far. */
    public FakeProvider provider() {
        return created.getFirst();
    }
}

package io.jwsp.cli.catalog;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.JsonOption;
import io.jwsp.cli.JwspSubcommand;
import io.jwsp.cli.ExitCode;
import io.jwsp.cli.out.Json;
import io.jwsp.cli.out.TextTable;
import io.jwsp.cli.setup.JarOption;
import io.jwsp.cli.setup.ProviderDirectory;
import io.jwsp.cli.setup.SettingsOption;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.JwspRuntimeBuilder;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolChain;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.ext.ExtensionGuids;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jwsp catalog}: the protocol entries in catalog order, as {@code netsh winsock show catalog} lists them. */
@Command(name = "catalog",
        mixinStandardHelpOptions = true,
        header = "List the protocol catalog in catalog order (like netsh winsock show catalog).",
        description = {
            "List the protocol catalog: every entry of the providers found on the class path (ServiceLoader), "
                    + "in catalog order, the order socket() searches. Hidden entries (a layer's own) are marked.",
            "",
            "Columns: catalog id, name, address family, socket type, protocol, XP1_* service flags, "
                    + "protocol chain (base, layer, or the catalog ids from the top layer down), provider, "
                    + "extension functions its provider answers to SIO_GET_EXTENSION_FUNCTION_POINTER."})
public final class CatalogCommand extends JwspSubcommand {
    @Mixin
    JsonOption json;

    @Mixin
    SettingsOption settings;

    @Mixin
    JarOption jar;

    @picocli.CommandLine.Option(names = "--layer", paramLabel = "NAME",
            description = "Install a layered provider found on the class path (trace, metrics, faults, ...) over "
                    + "every base entry, as Winsock installs an LSP: its hidden entry plus one chain per base entry, "
                    + "placed before the base. Repeatable.")
    List<String> layers = new ArrayList<>();

    @Override
    public Integer call() {
        ProviderDirectory dir = jar.directory();
        JwspRuntimeBuilder b = JwspRuntime.builder().discover(dir.loader());
        settings.settings(dir).forEach(b::setting);
        try (JwspRuntime runtime = b.build()) {
            List<Integer> bases = runtime.catalog().entries().stream().filter(e -> e.chain().isBase())
                    .map(ProtocolInfo::catalogEntryId).toList();
            for (String layer : layers) {
                if (runtime.catalog().installLayer(layer, bases).isFailed()) {
                    throw CliFailure.usage("no layered provider named '" + layer + "'; known: "
                            + String.join(", ", runtime.catalog().layerNames()));
                }
            }
            List<ProtocolInfo> entries = runtime.catalog().entries();
            if (json.on()) {
                List<Json> out = new ArrayList<>();
                for (ProtocolInfo e : entries) {
                    out.add(toJson(e, dir.nameOf(e.providerId())));
                }
                printer().json(out);
            } else {
                TextTable t = new TextTable("ID", "NAME", "FAMILY", "TYPE", "PROTOCOL", "SERVICE FLAGS", "CHAIN",
                        "PROVIDER", "EXTENSIONS");
                for (ProtocolInfo e : entries) {
                    t.row(String.valueOf(e.catalogEntryId()), e.name(),
                            e.addressFamily() + " " + AddressFamily.name(e.addressFamily()),
                            e.socketType() + " " + SocketType.name(e.socketType()),
                            String.valueOf(e.protocol()),
                            String.format("0x%X %s", e.serviceFlags(), String.join("|", ServiceFlags.names(e.serviceFlags()))),
                            chainText(e),
                            String.valueOf(dir.nameOf(e.providerId())),
                            extensionsText(e));
                }
                printer().table(t);
                printer().line(entries.size() + " entries, providers in catalog order: "
                        + String.join(", ", runtime.catalog().providerNames()));
            }
        }
        return ExitCode.OK;
    }

    static String chainText(ProtocolInfo e) {
        ProtocolChain c = e.chain();
        if (c.isLayer()) {
            return "layer" + (e.hasProviderFlag(ProviderFlags.PFL_HIDDEN) ? " (hidden)" : "");
        }
        if (c.isBase()) {
            return "base";
        }
        return c.entries().stream().map(String::valueOf).collect(Collectors.joining(" > "));
    }

    /** The extension functions an entry's provider answers, by name in mswsock.h's order; "-" for none. */
    static String extensionsText(ProtocolInfo e) {
        List<String> names = extensionNames(e);
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    static List<String> extensionNames(ProtocolInfo e) {
        return ORDER.stream().filter(e::hasExtensionFunction).map(ExtensionGuids::name).toList();
    }

    private static final List<UUID> ORDER = List.of(ExtensionGuids.WSAID_ACCEPTEX,
            ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS, ExtensionGuids.WSAID_CONNECTEX, ExtensionGuids.WSAID_DISCONNECTEX,
            ExtensionGuids.WSAID_TRANSMITFILE, ExtensionGuids.WSAID_TRANSMITPACKETS);

    static Json toJson(ProtocolInfo e, String providerName) {
        return Json.object()
                .put("catalogEntryId", e.catalogEntryId())
                .put("name", e.name())
                .put("provider", providerName)
                .put("providerId", e.providerId().toString())
                .put("addressFamily", e.addressFamily())
                .put("addressFamilyName", AddressFamily.name(e.addressFamily()))
                .put("socketType", e.socketType())
                .put("socketTypeName", SocketType.name(e.socketType()))
                .put("protocol", e.protocol())
                .put("protocolMaxOffset", e.protocolMaxOffset())
                .put("serviceFlags", e.serviceFlags())
                .put("serviceFlagNames", ServiceFlags.names(e.serviceFlags()))
                .put("providerFlags", e.providerFlags())
                .put("hidden", e.hasProviderFlag(ProviderFlags.PFL_HIDDEN))
                .put("chainLength", e.chain().length())
                .put("chain", e.chain().entries())
                .put("maxMessageSize", e.maxMessageSize())
                .put("version", e.version())
                .put("extensionFunctions", extensionNames(e));
    }
}

package io.jwsp.cli.setup;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --jar PATH}: a provider of one's own, beside the ones jwsp ships. */
public final class JarOption {
    @Option(names = "--jar", paramLabel = "PATH",
            description = "Also load the providers of this jar (or classes directory), registered in its "
                    + "META-INF/services/io.jwsp.spi.WspProviderFactory, beside the ones jwsp ships.")
    Path jar;

    private ProviderJar opened;

    /** The jar, or {@code null} without {@code --jar}. */
    public ProviderJar jar() {
        if (jar != null && opened == null) {
            opened = ProviderJar.open(jar);
        }
        return opened;
    }

    /** The providers to choose from: the CLI's own, and the jar's with {@code --jar}. */
    public ProviderDirectory directory() {
        ProviderJar j = jar();
        return j == null ? ProviderDirectory.builtIn() : j.directory();
    }
}

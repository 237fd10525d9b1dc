package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import io.jwsp.spi.WspProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A provider author's jar (or classes directory) given with {@code --jar}: its classes load above the CLI's own,
 * and its providers are the factories its own {@code META-INF/services} file names, never the ones jwsp ships.
 */
public final class ProviderJar {
    private final Path path;
    private final ProviderDirectory directory;
    private final List<WspProviderFactory> own;

    private ProviderJar(Path path, ProviderDirectory directory, List<WspProviderFactory> own) {
        this.path = path;
        this.directory = directory;
        this.own = own;
    }

    public static ProviderJar open(Path jar) {
        if (!Files.exists(jar)) {
            throw CliFailure.usage("no such jar: " + jar);
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw CliFailure.usage("bad jar path " + jar + ": " + e.getMessage());
        }
        // Left open on purpose: the commands load the provider's classes lazily while they run, until the JVM exits.
        URLClassLoader loader = new URLClassLoader("jwsp-jar", new URL[] {url}, ProviderJar.class.getClassLoader());
        Set<String> declared = declaredFactories(loader);
        ProviderDirectory dir = ProviderDirectory.of(loader);
        List<WspProviderFactory> own = dir.providers().stream()
                .filter(f -> declared.contains(f.getClass().getName()))
                .toList();
        if (own.isEmpty()) {
            throw CliFailure.environment("no io.jwsp.spi.WspProviderFactory registered in " + jar
                    + " (META-INF/services/io.jwsp.spi.WspProviderFactory)");
        }
        return new ProviderJar(jar, dir, own);
    }

    /** The CLI's providers and layers, and the jar's. */
    public ProviderDirectory directory() {
        return directory;
    }

    /** The providers the jar itself declares. */
    public List<WspProviderFactory> own() {
        return own;
    }

    /**
     * The jar's provider named {@code name}, or its only one when {@code name} is {@code null}.
     *
     * @param option the option that names one, for the message when the jar holds several
     */
    public WspProviderFactory pick(String name, String option) {
        if (name != null) {
            return own.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> CliFailure.usage(
                    "no provider '" + name + "' in " + path + "; it has: " + names()));
        }
        if (own.size() > 1) {
            throw CliFailure.usage(path + " holds several providers (" + names() + "): pick one with " + option);
        }
        return own.getFirst();
    }

    private String names() {
        return String.join(", ", own.stream().map(WspProviderFactory::name).toList());
    }

    /** The class names the jar's own services file lists (its URLs only, not the parent's). */
    private static Set<String> declaredFactories(URLClassLoader loader) {
        Set<String> out = new LinkedHashSet<>();
        try {
            Enumeration<URL> files = loader.findResources("META-INF/services/" + WspProviderFactory.class.getName());
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String c = line.replaceAll("#.*", "").strip();
                        if (!c.isEmpty()) {
                            out.add(c);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw CliFailure.environment("cannot read the services file of " + path(loader) + ": " + e.getMessage());
        }
        return out;
    }

    private static String path(URLClassLoader loader) {
        return loader.getURLs()[0].toString();
    }
}

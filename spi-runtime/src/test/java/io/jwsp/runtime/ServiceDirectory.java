package io.jwsp.runtime;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A temp directory holding META-INF/services files, and a class loader over it (parent: the test classes). */
final class ServiceDirectory {
    private ServiceDirectory() {
    }

    static URLClassLoader loader(Path dir, List<String> providers, List<String> layers) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.write(services.resolve("io.jwsp.spi.WspProviderFactory"), providers);
        if (!layers.isEmpty()) {
            Files.write(services.resolve("io.jwsp.spi.LayeredProviderFactory"), layers);
        }
        return new URLClassLoader(new URL[] {url(dir)}, ServiceDirectory.class.getClassLoader());
    }

    private static URL url(Path dir) throws MalformedURLException {
        return dir.toUri().toURL();
    }
}

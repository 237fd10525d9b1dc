package io.jwsp.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code jwsp --version}: the version the build wrote into the jar's manifest, so it follows the pom. */
public final class JarVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = JarVersion.class.getPackage().getImplementationVersion();
        return new String[] {"jwsp " + (v == null ? "(built from source, no jar manifest)" : v)};
    }
}

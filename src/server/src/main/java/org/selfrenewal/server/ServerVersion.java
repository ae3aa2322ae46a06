package org.selfrenewal.server;

import picocli.CommandLine.IVersionProvider;

/** {@code -V}: the version in the server jar's manifest (Implementation-Version), or "development build". */
public final class ServerVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"selfrenewal-server " + version()};
    }

    /** The jar's Implementation-Version, or "development build" when run from classes. */
    public static String version() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build (not from the server jar)";
    }
}

package org.selfrenewal.client.window;

import picocli.CommandLine.IVersionProvider;

/** The client's version, from its jar's manifest (or "development build"). */
public final class ClientVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"selfrenewal-client " + text()};
    }

    public static String text() {
        String version = ClientVersion.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}

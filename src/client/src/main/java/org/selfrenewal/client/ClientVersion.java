package org.selfrenewal.client;

import picocli.CommandLine.IVersionProvider;

/** {@code -V}: the version in the client jar's manifest (Implementation-Version), or "development build". */
public final class ClientVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ClientVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "selfrenewal-client " + (version != null ? version : "development build (not from the client jar)")
        };
    }
}

package org.selfrenewal.server.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edge and Chrome policies that take the card holder from the renewal page to OpenWebStart without a
 * download to click: {@code AutoOpenFileTypes} (jnlp), {@code AutoOpenAllowedForURLs} (only from this
 * service) and {@code AutoLaunchProtocolsFromOrigins} (the jnlps:// link, from this service's page). As a
 * Windows {@code .reg} file (machine policies of both browsers) and as JSON for Linux managed policies.
 */
final class BrowserPolicies {

    static final String REG_FILE = "edge-chrome-policies.reg";
    static final String JSON_FILE = "selfrenewal-policies.json";

    private BrowserPolicies() {}

    static void write(Path directory, KitInputs inputs) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(REG_FILE), registry(inputs), StandardCharsets.UTF_16LE);
        Files.writeString(
                directory.resolve(JSON_FILE),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(policies(inputs))
                        + "\n",
                StandardCharsets.UTF_8);
    }

    static Map<String, Object> policies(KitInputs inputs) {
        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("AutoOpenFileTypes", List.of("jnlp"));
        policies.put("AutoOpenAllowedForURLs", List.of(inputs.origin()));
        policies.put("AutoLaunchProtocolsFromOrigins", List.of(protocol(inputs)));
        return policies;
    }

    private static Map<String, Object> protocol(KitInputs inputs) {
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("protocol", "jnlps");
        protocol.put("allowed_origins", List.of(inputs.origin()));
        return protocol;
    }

    private static String registry(KitInputs inputs) throws IOException {
        String launch = new ObjectMapper().writeValueAsString(List.of(protocol(inputs)));
        StringBuilder reg = new StringBuilder("\uFEFFWindows Registry Editor Version 5.00\r\n");
        for (String browser : List.of("Microsoft\\Edge", "Google\\Chrome")) {
            String key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\" + browser;
            reg.append("\r\n[")
                    .append(key)
                    .append("]\r\n")
                    .append("\"AutoLaunchProtocolsFromOrigins\"=\"")
                    .append(launch.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"\r\n")
                    .append("\r\n[")
                    .append(key)
                    .append("\\AutoOpenFileTypes]\r\n\"1\"=\"jnlp\"\r\n")
                    .append("\r\n[")
                    .append(key)
                    .append("\\AutoOpenAllowedForURLs]\r\n\"1\"=\"")
                    .append(inputs.origin())
                    .append("\"\r\n");
        }
        return reg.toString();
    }
}

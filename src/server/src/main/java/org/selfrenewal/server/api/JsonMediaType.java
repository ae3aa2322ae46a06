package org.selfrenewal.server.api;

import java.util.Locale;

/** Whether a Content-Type header names JSON: {@code application/json}, optionally {@code ; charset=utf-8}. */
final class JsonMediaType {

    private JsonMediaType() {}

    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (!parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}

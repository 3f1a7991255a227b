package io.ledgerflow.servicekit.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The header a firewall refusal names, spelt as the API spells headers ({@code if-match} is {@code If-Match}). */
final class RejectedHeaders {

    /** StrictHttpFirewall's messages: {@code the header: "if-match " has a value}, {@code the header name "x"}. */
    private static final Pattern HEADER = Pattern.compile("the header(?: name)?:? \"([!#-~]{1,128}?) ?\"");

    private RejectedHeaders() {
    }

    static String named(String message) {
        Matcher header = message == null ? null : HEADER.matcher(message);
        if (header == null || !header.find()) {
            return "header";
        }
        StringBuilder spelt = new StringBuilder();
        for (String part : header.group(1).toLowerCase(Locale.ROOT).split("-", -1)) {
            if (!spelt.isEmpty()) {
                spelt.append('-');
            }
            spelt.append(part.isEmpty() ? "" : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return spelt.toString();
    }
}

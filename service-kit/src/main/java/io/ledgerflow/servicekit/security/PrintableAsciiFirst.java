package io.ledgerflow.servicekit.security;

import java.util.function.Predicate;

/**
 * One of Spring Security's firewall checks ({@code StrictHttpFirewall.ALLOWED_HEADER_VALUES} and the like, regular
 * expressions over Unicode properties) with printable ASCII answered first. Every printable ASCII character is
 * assigned and not a control character, so such a string is one that the check accepts too; any other string goes
 * to the check itself. The accepted set is therefore exactly the check's, and the common case, a header such as a
 * bearer token of several hundred ASCII characters, no longer runs the expression (about 5 % of a request's CPU).
 */
final class PrintableAsciiFirst implements Predicate<String> {

    private final Predicate<String> check;

    PrintableAsciiFirst(Predicate<String> check) {
        this.check = check;
    }

    @Override
    public boolean test(String value) {
        return isPrintableAscii(value) || check.test(value);
    }

    static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}

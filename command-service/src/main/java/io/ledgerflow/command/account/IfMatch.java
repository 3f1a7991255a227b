package io.ledgerflow.command.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code If-Match} precondition on an account's version (its ETag, {@code "<version>"}), compared strongly as RFC
 * 9110 says for If-Match: a weak tag ({@code W/"7"}) matches nothing, {@code *} matches any existing account.
 *
 * @param versions the versions named; empty for {@code *}
 */
public record IfMatch(boolean any, Set<Long> versions) {

    /**
     * One member of the list: entity-tag = [ W/ ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text (RFC 9110
     * section 8.8.3), with the optional whitespace around it and the comma after it, or the end of the value.
     */
    private static final Pattern ENTITY_TAG =
            Pattern.compile("[ \\t]*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"[ \\t]*(?:,|$)");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    public static final IfMatch ANY = new IfMatch(true, Set.of());

    private static final String MALFORMED = "must be * or a list of entity tags such as \"7\"";

    public IfMatch {
        versions = Set.copyOf(versions);
    }

    /**
     * The precondition the header values state, empty when there is none.
     *
     * @throws IllegalArgumentException when a value is neither {@code *} nor a list of entity tags
     */
    public static Optional<IfMatch> parse(List<String> headerValues) {
        if (headerValues == null || headerValues.isEmpty()) {
            return Optional.empty();
        }
        if (headerValues.size() == 1 && headerValues.get(0).trim().equals("*")) {
            return Optional.of(ANY);
        }
        List<Long> versions = new ArrayList<>();
        int tags = 0;
        for (String value : headerValues) {
            Matcher tag = ENTITY_TAG.matcher(value);
            int at = 0;
            while (true) {
                // RFC 9110 section 5.6.1: a list may hold empty elements, which count for nothing
                while (at < value.length() && (value.charAt(at) == ',' || value.charAt(at) == ' '
                        || value.charAt(at) == '\t')) {
                    at++;
                }
                if (at == value.length()) {
                    break;
                }
                if (!tag.region(at, value.length()).lookingAt()) {
                    throw new IllegalArgumentException(MALFORMED);
                }
                tags++;
                if (tag.group(1) == null && VERSION.matcher(tag.group(2)).matches()) {
                    versions.add(Long.parseLong(tag.group(2)));
                }
                at = tag.end();
            }
        }
        if (tags == 0) {
            throw new IllegalArgumentException(MALFORMED);
        }
        return Optional.of(new IfMatch(false, Set.copyOf(versions)));
    }

    public boolean matches(long version) {
        return any || versions.contains(version);
    }
}

package io.ledgerflow.servicekit.security;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's checks with the ASCII fast path accept exactly the strings Spring Security's own checks accept. */
class PrintableAsciiFirstProperties {

    private static final List<Predicate<String>> CHECKS = List.of(StrictHttpFirewall.ALLOWED_HEADER_NAMES,
            StrictHttpFirewall.ALLOWED_HEADER_VALUES, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);

    @Property(tries = 2000)
    void accepts_what_the_check_accepts_among_latin_1_strings(
            @ForAll @StringLength(max = 24) @CharRange(from = '\u0000', to = '\u00ff') String value) {
        assertSameAnswers(value);
    }

    @Property(tries = 2000)
    void accepts_what_the_check_accepts_among_any_strings(@ForAll @StringLength(max = 24) String value) {
        assertSameAnswers(value);
    }

    @Example
    void the_edges_of_printable_ascii_and_the_characters_around_them_answer_as_the_check_does() {
        for (String value : List.of("", " ", "~", "\u001f", "\u007f", "\t", "a\tb", "\u0085", "caf\u00e9", "\u00a0",
                "\u0378", "\ud800", "\ud83d\ude00", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")) {
            assertSameAnswers(value);
        }
    }

    @Example
    void printable_ascii_never_reaches_the_check_and_anything_else_always_does() {
        AtomicInteger asked = new AtomicInteger();
        PrintableAsciiFirst fast = new PrintableAsciiFirst(value -> asked.incrementAndGet() > 0);

        assertThat(fast.test("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln ~!")).isTrue();
        assertThat(asked).hasValue(0);
        assertThat(fast.test("caf\u00e9")).isTrue();
        assertThat(fast.test("a\u007fb")).isTrue();
        assertThat(asked).hasValue(2);
    }

    private static void assertSameAnswers(String value) {
        for (Predicate<String> check : CHECKS) {
            assertThat(new PrintableAsciiFirst(check).test(value)).as("%s", value.chars().boxed().toList())
                    .isEqualTo(check.test(value));
        }
    }
}

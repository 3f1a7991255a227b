package io.ledgerflow.command.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "\u0085", "\u202Eevil", "x\u2067y", "rent\u2028paid", "rent\u2029",
            "\uFEFFinvoice", "invoice\u200B-7", "x\u2060y"})
    void text_with_a_control_line_separator_bidi_or_invisible_character_is_refused(String text) {
        assertThat(Printable.Validator.isPrintable(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice 7", "caf\u00E9 \u20AC", "\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\u05E9\u05DC\u05D5\u05DD", ""})
    void text_in_any_script_with_emoji_and_the_joiners_scripts_need_is_kept(String text) {
        assertThat(Printable.Validator.isPrintable(text)).isTrue();
    }
}

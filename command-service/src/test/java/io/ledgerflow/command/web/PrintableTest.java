package io.ledgerflow.command.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "\u0085", "\u202Eevil", "x\u2067y", "rent\u2028paid", "rent\u2029",
            "\uFEFFinvoice", "invoice\u200B-7", "x\u2060y", "pa\u00ADyee", "a\u034Fb", "a\u180Eb", "a\u2061b",
            "a\u2064b", "\u3164", "\u115F", "\uFFA0", "a\uFFF9b", "a\uFFFE", "\uFDD0", "payee\uDB40\uDC20",
            "\uDB40\uDC01en", "a\uD834\uDD73b", "a\uDB3F\uDFFF"})
    void text_with_a_control_line_separator_bidi_or_invisible_character_is_refused(String text) {
        assertThat(Printable.Validator.isPrintable(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice 7", "caf\u00E9 \u20AC", "\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\u05E9\u05DC\u05D5\u05DD", "",
            // the flag of Scotland: black flag, tags g b s c t, cancel tag
            "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F",
            "\u2764\uFE0F", "\u845B\uDB40\uDD00", "\u1828\u180B", "\uD55C\uAD6D\uC5B4"})
    void text_in_any_script_with_emoji_and_the_joiners_scripts_need_is_kept(String text) {
        assertThat(Printable.Validator.isPrintable(text)).isTrue();
    }
}

package io.ledgerflow.command.account;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTest {

    @Test
    void no_header_is_no_precondition() {
        assertThat(IfMatch.parse(null)).isEmpty();
        assertThat(IfMatch.parse(List.of())).isEmpty();
    }

    @Test
    void a_star_matches_any_version() {
        IfMatch any = IfMatch.parse(List.of(" * ")).orElseThrow();

        assertThat(any.matches(1)).isTrue();
        assertThat(any.matches(42)).isTrue();
    }

    @Test
    void strong_tags_in_one_or_several_fields_name_their_versions_and_nothing_else() {
        IfMatch tags = IfMatch.parse(List.of("\"3\",\"5\" ,\t\"8\"", "\"13\"")).orElseThrow();

        assertThat(tags.versions()).isEqualTo(Set.of(3L, 5L, 8L, 13L));
        assertThat(tags.matches(5)).isTrue();
        assertThat(tags.matches(4)).isFalse();
    }

    @Test
    void weak_tags_and_tags_that_are_not_versions_are_valid_but_match_nothing() {
        IfMatch tags = IfMatch.parse(List.of("W/\"3\", \"abc\", \"03\", \"\", \"a,b\", \"99999999999999999999\""))
                .orElseThrow();

        assertThat(tags.versions()).isEmpty();
        assertThat(tags.matches(3)).isFalse();
    }

    @Test
    void empty_list_elements_count_for_nothing_as_rfc_9110_says() {
        IfMatch tags = IfMatch.parse(List.of(",\"3\",, \"5\" ,", " , \"8\"")).orElseThrow();

        assertThat(tags.versions()).isEqualTo(Set.of(3L, 5L, 8L));
    }

    @Test
    void anything_else_is_malformed() {
        for (String malformed : new String[]{"3", "\"3", "\"3\" \"4\"", "*, \"3\"", "", " ", "w/\"3\"", "\"3\";x",
                "\"a\"b\"", ",", " , ,"}) {
            assertThatThrownBy(() -> IfMatch.parse(List.of(malformed))).as("[" + malformed + "]")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

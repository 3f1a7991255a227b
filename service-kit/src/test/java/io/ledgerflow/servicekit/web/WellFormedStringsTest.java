package io.ledgerflow.servicekit.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WellFormedStringsTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new WellFormedStrings());

    record Named(String name, Map<String, String> tags, List<String> aliases) {
    }

    @Test
    void pairs_in_order_are_well_formed_and_any_other_surrogate_is_not() {
        assertThat(WellFormedStrings.isWellFormed("")).isTrue();
        assertThat(WellFormedStrings.isWellFormed("a\uD83D\uDE00b\u20AC")).isTrue();
        assertThat(WellFormedStrings.isWellFormed("\uD800")).isFalse();
        assertThat(WellFormedStrings.isWellFormed("a\uDC00")).isFalse();
        assertThat(WellFormedStrings.isWellFormed("\uDE00\uD83D")).isFalse();
        assertThat(WellFormedStrings.isWellFormed("\uD83D\uD83D\uDE00")).isFalse();
        assertThat(WellFormedStrings.isWellFormed("\uD83D\uDE00\uD83D")).isFalse();
    }

    @Test
    void a_lone_surrogate_in_a_field_a_map_or_a_list_is_refused_with_its_path() {
        assertThatThrownBy(() -> json.readValue("{\"name\":\"\\ud800\"}", Named.class))
                .isInstanceOf(JsonMappingException.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo("name"));
        assertThatThrownBy(() -> json.readValue("{\"tags\":{\"k\":\"\\udc00\"}}", Named.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> json.readValue("{\"tags\":{\"\\udc00\":\"v\"}}", Named.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> json.readValue("{\"aliases\":[\"ok\",\"\\ud800\"]}", Named.class))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void well_formed_text_reads_as_sent() throws Exception {
        Named read = json.readValue("{\"name\":\"\\ud83d\\ude00\",\"tags\":{\"\\u20ac\":\"x\"},\"aliases\":[\"a\"]}",
                Named.class);

        assertThat(read.name()).isEqualTo("\uD83D\uDE00");
        assertThat(read.tags()).containsEntry("\u20AC", "x");
        assertThat(read.aliases()).containsExactly("a");
    }
}

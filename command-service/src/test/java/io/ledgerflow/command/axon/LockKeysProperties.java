package io.ledgerflow.command.axon;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock keys are shared by every instance, of every version, through the database: the key of a stream must stay
 * exactly what it was ({@code UUID.nameUUIDFromBytes}), and every command must order its locks alike.
 */
class LockKeysProperties {

    @Property
    void a_key_is_the_name_based_uuids_upper_half(@ForAll @StringLength(max = 80) String streamId) {
        long nameBased = UUID.nameUUIDFromBytes(streamId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();

        assertThat(LockKeys.key(streamId)).isEqualTo(nameBased);
        assertThat(LedgerLocks.key(streamId)).isEqualTo(nameBased);
    }

    @Property
    void streams_come_in_key_order_once_each_whatever_order_they_were_given_in(
            @ForAll @Size(max = 40) @UniqueElements List<@StringLength(min = 1, max = 20) String> ids) {
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        List<String> twice = new ArrayList<>(ids);
        twice.addAll(reversed);

        List<String> ordered = LockKeys.inKeyOrder(twice);

        assertThat(ordered).containsExactlyInAnyOrderElementsOf(ids)
                .isSortedAccordingTo(Comparator.comparingLong(LockKeys::key));
        assertThat(LockKeys.inKeyOrder(reversed)).isEqualTo(ordered);
    }
}

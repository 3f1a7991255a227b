package io.ledgerflow.events.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettlementAccountsTest {

    @Test
    void shard_zero_is_the_settlement_account_itself_and_the_others_carry_their_number() {
        assertThat(SettlementAccounts.shardId("USD", 0)).isEqualTo("@world:USD");
        assertThat(SettlementAccounts.shardId("USD", 3)).isEqualTo("@world:USD:3");
        assertThat(SettlementAccounts.shardIds("JPY")).hasSize(SettlementAccounts.SHARDS)
                .startsWith("@world:JPY", "@world:JPY:1").doesNotHaveDuplicates();
    }

    @Test
    void a_shard_counts_for_its_settlement_account_and_a_customer_account_for_itself() {
        assertThat(SettlementAccounts.accountOf("@world:EUR:5")).isEqualTo("@world:EUR");
        assertThat(SettlementAccounts.accountOf("@world:EUR")).isEqualTo("@world:EUR");
        assertThat(SettlementAccounts.accountOf("acc:1")).isEqualTo("acc:1");
        assertThat(SettlementAccounts.currencyOf("@world:EUR:5")).isEqualTo("EUR");
        assertThat(SettlementAccounts.currencyOf("@world:EUR")).isEqualTo("EUR");
    }

    @Test
    void only_the_unsuffixed_id_is_the_settlement_account_as_the_api_names_it() {
        assertThat(SettlementAccounts.isSettlementAccount("@world:USD")).isTrue();
        assertThat(SettlementAccounts.isSettlementAccount("@world:USD:2")).isFalse();
        assertThat(SettlementAccounts.isSettlement("@world:USD:2")).isTrue();
        assertThat(SettlementAccounts.isSettlement("world:USD")).isFalse();
    }

    @Test
    void shard_zero_is_read_alone_as_colon_zero_and_every_other_shard_as_its_own_id() {
        assertThat(SettlementAccounts.readAloneId("USD", 0)).isEqualTo("@world:USD:0");
        assertThat(SettlementAccounts.readAloneId("USD", 4)).isEqualTo("@world:USD:4");
        assertThat(SettlementAccounts.isShardZeroReadAlone("@world:USD:0")).isTrue();
        assertThat(SettlementAccounts.isShardZeroReadAlone("@world:USD")).isFalse();
        assertThat(SettlementAccounts.isShardZeroReadAlone("@world:USD:4")).isFalse();
        assertThat(SettlementAccounts.isShardZeroReadAlone("acc:0")).isFalse();
        assertThat(SettlementAccounts.storedIdOf("@world:USD:0")).isEqualTo("@world:USD");
        assertThat(SettlementAccounts.storedIdOf("@world:USD:4")).isEqualTo("@world:USD:4");
        assertThat(SettlementAccounts.storedIdOf("@world:USD")).isEqualTo("@world:USD");
        assertThat(SettlementAccounts.storedIdOf("acc:0")).isEqualTo("acc:0");
    }

    @Test
    void shard_numbers_are_read_back_and_unknown_suffixes_are_not_shards() {
        assertThat(SettlementAccounts.shardOf("@world:USD:7")).contains(7);
        assertThat(SettlementAccounts.shardOf("@world:USD")).contains(0);
        assertThat(SettlementAccounts.shardOf("@world:USD:" + SettlementAccounts.SHARDS)).isEmpty();
        assertThat(SettlementAccounts.shardOf("@world:USD:01")).isEmpty();
        assertThat(SettlementAccounts.shardOf("acc-1")).isEmpty();
    }

    @Test
    void a_shard_outside_the_range_is_refused() {
        assertThatThrownBy(() -> SettlementAccounts.shardId("USD", SettlementAccounts.SHARDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementAccounts.currencyOf("acc-1")).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.transfer.DepositFunds;
import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.command.transfer.WithdrawFunds;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ledgerflow.command.transfer.group.GroupingProperties.Mode.ALL;
import static io.ledgerflow.command.transfer.group.GroupingProperties.Mode.MOVEMENTS;
import static io.ledgerflow.command.transfer.group.GroupingProperties.Mode.OFF;
import static org.assertj.core.api.Assertions.assertThat;

class GroupingModeTest {

    private final DepositFunds deposit = new DepositFunds("d", "acc", 1, null, Map.of(), null);
    private final WithdrawFunds withdrawal = new WithdrawFunds("w", "acc", 1, null, Map.of(), null);
    private final TransferFunds transfer = new TransferFunds("t", null, null, false, null);

    @Test
    void movements_groups_deposits_and_withdrawals_and_nothing_else() {
        assertThat(MOVEMENTS.groups(deposit)).isTrue();
        assertThat(MOVEMENTS.groups(withdrawal)).isTrue();
        assertThat(MOVEMENTS.groups(transfer)).isFalse();
    }

    @Test
    void all_groups_single_transfers_too_and_off_groups_nothing() {
        assertThat(ALL.groups(deposit)).isTrue();
        assertThat(ALL.groups(withdrawal)).isTrue();
        assertThat(ALL.groups(transfer)).isTrue();
        assertThat(OFF.groups(deposit)).isFalse();
        assertThat(OFF.groups(withdrawal)).isFalse();
        assertThat(OFF.groups(transfer)).isFalse();
        assertThat(ALL.groups("something else")).isFalse();
    }
}

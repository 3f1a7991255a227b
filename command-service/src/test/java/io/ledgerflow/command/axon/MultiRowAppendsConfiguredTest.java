package io.ledgerflow.command.axon;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's pooled connections send a batch of inserts as multi-row inserts ({@link MultiRowAppendsTest}). */
class MultiRowAppendsConfiguredTest extends CommandServiceTest {

    @Autowired
    DataSource dataSource;

    @Test
    void the_pool_sends_an_append_as_multi_row_inserts() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled())
                    .isTrue();
        }
    }
}

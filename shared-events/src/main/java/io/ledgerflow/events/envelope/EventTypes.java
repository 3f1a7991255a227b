package io.ledgerflow.events.envelope;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.Revision;
import io.ledgerflow.events.account.AccountClosed;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountReopened;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.transfer.TransferExpired;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferVoided;
import io.ledgerflow.events.transfer.TransferRejected;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Maps event records to their CloudEvents {@code type}, e.g. {@code io.ledgerflow.account.AccountOpened.v1}. */
public final class EventTypes {

    public static final List<Class<? extends LedgerEvent>> ALL = List.of(
            AccountOpened.class, AccountDebited.class, AccountCredited.class,
            AccountFrozen.class, AccountUnfrozen.class, AccountClosed.class, AccountReopened.class,
            AccountOverdraftLimitChanged.class,
            AccountDebitReserved.class, AccountCreditReserved.class, AccountReservationReleased.class,
            TransferPosted.class, TransferRejected.class,
            TransferPending.class, TransferPendingPosted.class, TransferVoided.class, TransferExpired.class);

    /** Named once per class: every event published or projected asks for its type. Declared before BY_TYPE. */
    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> eventClass) {
            String area = eventClass.getPackageName().substring(eventClass.getPackageName().lastIndexOf('.') + 1);
            return "io.ledgerflow." + area + "." + eventClass.getSimpleName() + ".v" + revisionOf(eventClass);
        }
    };

    private static final Map<String, Class<? extends LedgerEvent>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventTypes::typeOf, Function.identity()));

    private EventTypes() {
    }

    public static String typeOf(Class<? extends LedgerEvent> eventClass) {
        return TYPES.get(eventClass);
    }

    public static String revisionOf(Class<?> eventClass) {
        Revision revision = eventClass.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalArgumentException(eventClass + " has no @Revision");
        }
        return revision.value();
    }

    /** The published type of an event stored under its record's class name, if the published language has it. */
    public static Optional<String> typeOfClassName(String className) {
        return ALL.stream().filter(eventClass -> eventClass.getName().equals(className)).findFirst()
                .map(EventTypes::typeOf);
    }

    public static Optional<Class<? extends LedgerEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}

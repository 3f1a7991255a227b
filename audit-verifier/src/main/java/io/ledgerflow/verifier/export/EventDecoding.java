package io.ledgerflow.verifier.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventTypes;
import io.ledgerflow.verifier.ledger.ReplayedEvent;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.util.Objects;
import java.util.Optional;

/** An export line's payload as its event record, read as {@link CloudEventCodec} reads a record's data. */
final class EventDecoding {

    private final ObjectMapper json = CloudEventCodec.defaultMapper();
    private final Violations violations;

    EventDecoding(Violations violations) {
        this.violations = violations;
    }

    /** @return the event, with a null record (reported) when the payload is not that of a known event */
    ReplayedEvent decode(AuditedEvent line) {
        String aggregate = line.aggregateType() + "/" + line.aggregateId();
        LedgerEvent event = null;
        Optional<Class<? extends LedgerEvent>> eventClass = EventTypes.classOf(line.type());
        if (eventClass.isEmpty()) {
            violations.report(ViolationKind.UNREADABLE_EVENT, line.position(), aggregate,
                    "unknown event type " + line.type());
        } else {
            try {
                event = line.payload() == null ? null : json.treeToValue(line.payload(), eventClass.get());
                if (event == null) {
                    violations.report(ViolationKind.UNREADABLE_EVENT, line.position(), aggregate, "no payload");
                }
            } catch (JsonProcessingException e) {
                violations.report(ViolationKind.UNREADABLE_EVENT, line.position(), aggregate,
                        "the payload is not a " + line.type() + ": " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                violations.report(ViolationKind.UNREADABLE_EVENT, line.position(), aggregate,
                        "the payload is not a " + line.type() + ": " + e.getMessage());
            }
        }
        if (event != null && (!event.aggregateType().equals(line.aggregateType())
                || !Objects.equals(event.aggregateId(), line.aggregateId()))) {
            violations.report(ViolationKind.UNREADABLE_EVENT, line.position(), aggregate, "the payload belongs to "
                    + event.aggregateType() + "/" + event.aggregateId());
            event = null;
        }
        return new ReplayedEvent(line.position(), line.eventId(), line.aggregateType(), line.aggregateId(),
                line.sequence(), event);
    }
}

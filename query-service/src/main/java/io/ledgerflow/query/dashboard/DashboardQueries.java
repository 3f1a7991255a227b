package io.ledgerflow.query.dashboard;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Projections;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static io.ledgerflow.query.mongo.BsonReads.bigIntegerOf;
import static io.ledgerflow.query.mongo.BsonReads.instantOf;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

/**
 * Reads the dashboard: sums the counters of every partition, and counts accounts by status from the accounts
 * projection. An account's status events do not say the status they leave (a frozen account may be closed) nor
 * the account's currency, so the accounts projection, exact per account, is counted instead.
 */
@Component
public class DashboardQueries {

    static final List<String> TRANSFER_STATUSES = List.of("POSTED", "PENDING", "REJECTED", "VOIDED", "EXPIRED");

    private final ProjectionCollections collections;
    private final ReadTimeLimit timeLimit;

    public DashboardQueries(ProjectionCollections collections, ReadTimeLimit timeLimit) {
        this.collections = collections;
        this.timeLimit = timeLimit;
    }

    public DashboardTotals totals() {
        Map<String, Sums> byCurrency = new TreeMap<>();
        Instant asOf = null;
        for (Document partition : collections.dashboardTotals().find().projection(Projections.exclude(EventIdCounter.COUNTED))) {
            Sums sums = byCurrency.computeIfAbsent(partition.getString(DashboardIds.CURRENCY), c -> new Sums());
            sums.posted = sums.posted.add(bigIntegerOf(partition, TransferChange.POSTED));
            sums.pending = sums.pending.add(bigIntegerOf(partition, TransferChange.PENDING));
            Document transfers = partition.get(TransferChange.TRANSFERS, new Document());
            TRANSFER_STATUSES.forEach(status -> sums.transfers.merge(status, longOf(transfers, status), Long::sum));
            asOf = newest(asOf, instantOf(partition, OffsetCounter.LAST_EVENT_AT));
        }
        List<Bson> pipeline = List.of(Aggregates.match(ne("system", true)),
                Aggregates.group(new Document("currency", "$currency").append("status", "$status"),
                        Accumulators.sum("accounts", 1), Accumulators.max("updatedAt", "$updatedAt")));
        // every account: bounded, so that many dashboards at once cannot keep MongoDB scanning on the projections'
        // connections (answered 503 past the limit)
        for (Document group : timeLimit.on(collections.accounts().aggregate(pipeline))) {
            Document key = group.get("_id", Document.class);
            if (key.getString("currency") == null || key.getString("status") == null) {
                continue; // not opened on the read side yet
            }
            Sums sums = byCurrency.computeIfAbsent(key.getString("currency"), c -> new Sums());
            sums.accounts.merge(key.getString("status"), longOf(group, "accounts"), Long::sum);
            asOf = newest(asOf, instantOf(group, "updatedAt"));
        }
        List<CurrencyTotals> currencies = new ArrayList<>();
        byCurrency.forEach((currency, sums) -> currencies.add(sums.toTotals(currency)));
        return new DashboardTotals(currencies, asOf);
    }

    public VolumeSeries volume(VolumeQuery query) {
        long[] counts = new long[query.buckets()];
        BigInteger[] volumes = new BigInteger[query.buckets()];
        Arrays.fill(volumes, BigInteger.ZERO);
        List<String> ids = volumeIds(query);
        if (!ids.isEmpty() && counts.length > 0) {
            for (Document day : collections.dashboardVolume().find(in("_id", ids)).projection(fieldsFor(query.bucket()))) {
                Instant dayStart = instantOf(day, DashboardIds.DAY);
                if (query.bucket() == Bucket.DAY) {
                    add(query, dayStart, day, counts, volumes);
                } else {
                    String field = query.bucket() == Bucket.HOUR ? VolumeFields.HOURS : VolumeFields.MINUTES;
                    day.get(field, new Document()).forEach((time, sums) -> add(query,
                            dayStart.plusSeconds(LocalTime.parse(time).toSecondOfDay()), (Document) sums, counts,
                            volumes));
                }
            }
        }
        List<VolumeBucket> items = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            items.add(new VolumeBucket(query.bucket().plus(query.from(), i), counts[i], volumes[i]));
        }
        return new VolumeSeries(query.currency(), query.bucket().label(), query.from(), query.to(), items);
    }

    /** Each partition's day documents over the range: the partitions are those with totals in the currency. */
    private List<String> volumeIds(VolumeQuery query) {
        Set<String> partitions = new TreeSet<>();
        for (Document partition : collections.dashboardTotals().find(eq(DashboardIds.CURRENCY, query.currency()))
                .projection(Projections.include(DashboardIds.TOPIC, DashboardIds.PARTITION))) {
            partitions.add(partition.getString(DashboardIds.TOPIC) + "\n"
                    + ((Number) partition.get(DashboardIds.PARTITION)).intValue());
        }
        List<String> ids = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(query.from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(query.to().minusNanos(1), ZoneOffset.UTC);
        for (String partition : partitions) {
            String[] topicAndNumber = partition.split("\n");
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                ids.add(DashboardIds.volume(topicAndNumber[0], Integer.parseInt(topicAndNumber[1]),
                        query.currency(), day));
            }
        }
        return ids;
    }

    private static Bson fieldsFor(Bucket bucket) {
        return switch (bucket) {
            case DAY -> Projections.include(DashboardIds.DAY, VolumeFields.COUNT, VolumeFields.VOLUME);
            case HOUR -> Projections.include(DashboardIds.DAY, VolumeFields.HOURS);
            case MINUTE -> Projections.include(DashboardIds.DAY, VolumeFields.MINUTES);
        };
    }

    private static void add(VolumeQuery query, Instant start, Document sums, long[] counts, BigInteger[] volumes) {
        if (start.isBefore(query.from()) || !start.isBefore(query.to())) {
            return;
        }
        int index = (int) query.bucket().between(query.from(), start);
        counts[index] += longOf(sums, VolumeFields.COUNT);
        volumes[index] = volumes[index].add(bigIntegerOf(sums, VolumeFields.VOLUME));
    }

    private static Instant newest(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    private static final class Sums {
        BigInteger posted = BigInteger.ZERO;
        BigInteger pending = BigInteger.ZERO;
        final Map<String, Long> transfers = new LinkedHashMap<>();
        final Map<String, Long> accounts = new LinkedHashMap<>();

        CurrencyTotals toTotals(String currency) {
            Map<String, Long> transferCounts = new LinkedHashMap<>();
            TRANSFER_STATUSES.forEach(status -> transferCounts.put(status, transfers.getOrDefault(status, 0L)));
            Map<String, Long> accountCounts = new LinkedHashMap<>();
            for (AccountStatus status : AccountStatus.values()) {
                accountCounts.put(status.name(), accounts.getOrDefault(status.name(), 0L));
            }
            return new CurrencyTotals(currency, posted, pending, transferCounts, accountCounts);
        }
    }
}

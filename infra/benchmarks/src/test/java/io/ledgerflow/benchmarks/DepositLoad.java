package io.ledgerflow.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.util.Properties;
import java.util.TreeMap;

import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The load of a deposit simulation, read from {@code ledgerflow.bench.<name>.*}: {@code .users} start at once and
 * each sends its deposits one after the other, either {@code .requests} of them (within {@code .max-seconds};
 * Gatling's figures) or, when {@code .seconds} is set, for {@code .settle-seconds} (10) and then {@code .seconds} more,
 * rated over those last seconds alone ({@link SteadyWindow}, written to {@code ledgerflow.bench.load-results-file}).
 */
final class DepositLoad {

    private final LoadShape shape;
    private final SteadyWindow window;

    private DepositLoad(LoadShape shape, SteadyWindow window) {
        this.shape = shape;
        this.window = window;
    }

    static DepositLoad fromSystemProperties(String name) {
        String prefix = "ledgerflow.bench." + name + ".";
        int seconds = Integer.getInteger(prefix + "seconds", 0);
        return new DepositLoad(LoadShape.fromSystemProperties(name, 128, 200, 120),
                seconds > 0 ? new SteadyWindow(Integer.getInteger(prefix + "settle-seconds", 10), seconds) : null);
    }

    int users() {
        return shape.users();
    }

    /** Each user's deposits, {@code deposit} each one (expected: 201), timed when the load is rated over a window. */
    ChainBuilder eachUser(ChainBuilder prepare, HttpRequestActionBuilder deposit) {
        ChainBuilder one = exec(prepare)
                .exec(session -> window == null ? session : session.set("sent", window.sending()))
                .exec(deposit.check(status().saveAs("status"), status().is(201)))
                .exec(this::answered);
        return window == null ? repeat(shape.requestsPerUser()).on(one) : during(window.loadDuration(), false).on(one);
    }

    /** Status 0: no response at all. */
    private Session answered(Session session) {
        if (window != null) {
            window.answered(session.getLong("sent"), session.contains("status") && session.getInt("status") == 201);
        }
        return session.remove("status");
    }

    Duration maxDuration() {
        return window == null ? shape.maxDuration() : window.loadDuration().plusSeconds(30);
    }

    /** When rated over a window: its figures, printed and written to the results file if one is configured. */
    void report(String simulation) {
        if (window == null) {
            return;
        }
        Properties results = window.describe("deposits");
        results.setProperty("users", Integer.toString(shape.users()));
        System.out.println(simulation + " load: " + new TreeMap<>(results));
        ResultsFile.storeIfConfigured("ledgerflow.bench.load-results-file", results, simulation + ": the steady window");
    }

    @Override
    public String toString() {
        return window == null ? shape.toString() : shape.users() + " users for " + window.loadDuration().toSeconds()
                + " s, rated over the last " + window.seconds() + " s";
    }
}

package org.selfrenewal.server.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.server.api.ApiObserver;

/**
 * The server's metrics (Micrometer, scraped in the Prometheus format at {@code /metrics}): renewals by
 * outcome, refusals by code, a latency histogram per API step, the database pool and the JVM.
 */
public final class ServerMetrics implements ApiObserver {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmGcMetrics gc;
    private boolean closed;

    /** The registry with the service's own meters; the JVM's come with {@link #bindJvmMeters()}. */
    public ServerMetrics() {}

    /**
     * Adds the JVM's and the process's meters (processor, uptime, memory, threads, GC). The server binds them once
     * it listens, beside its first requests: they load the JVM's management beans (about 0.05 s of CPU), which the
     * start does not need.
     */
    public synchronized void bindJvmMeters() {
        if (gc != null || closed) {
            return;
        }
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    /** Reports the HikariCP pool's use (active, idle, pending, acquire time) when it is one. */
    public void bindPool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    @Override
    public void answered(String step, int status, ErrorCode refusal, long nanos) {
        Timer.builder("selfrenewal.api.requests")
                .description("Renewal API requests by step and HTTP status")
                .tag("step", step)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
        if (refusal != null) {
            Counter.builder("selfrenewal.refusals")
                    .description("Refused API requests by error code")
                    .tag("code", refusal.name())
                    .tag("step", step)
                    .register(registry)
                    .increment();
        } else if (status < 300 && step.equals("confirmation")) {
            renewalEnded("confirmed");
        } else if (status < 300 && step.equals("cancellation")) {
            renewalEnded("cancelled");
        } else if (status < 300 && step.equals("start")) {
            renewalEnded("started");
        }
    }

    /** A renewal request refused by the admission limit (the server is busy). */
    public void busy() {
        Counter.builder("selfrenewal.refusals")
                .description("Refused API requests by error code")
                .tag("code", ErrorCode.TOO_MANY_REQUESTS.name())
                .tag("step", "admission")
                .register(registry)
                .increment();
    }

    /** A renewal reached an outcome: started, confirmed, cancelled (by the client), timed_out (by the sweep). */
    public void renewalEnded(String outcome) {
        Counter.builder("selfrenewal.renewals")
                .description("Renewals by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** Renewals the timeout sweep cancelled. */
    public void timedOut(int count) {
        if (count > 0) {
            Counter.builder("selfrenewal.renewals")
                    .description("Renewals by outcome")
                    .tag("outcome", "timed_out")
                    .register(registry)
                    .increment(count);
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public synchronized void close() {
        closed = true;
        if (gc != null) {
            gc.close();
            gc = null;
        }
        registry.close();
    }
}

package io.rulegrid.cli;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The answers of the brokers to asynchronous sends, given as each send's callback: how many records they
 * acknowledged, how many failed, and the first failure. A failure is known only once the batch holding the record is
 * answered, so read these after the producer's {@code flush()}.
 */
public final class KafkaAcknowledgements implements Callback {

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            acknowledged.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, exception);
        }
    }

    /** The records acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** The records whose send failed so far. */
    public long failed() {
        return failed.get();
    }

    /** The first failure answered, or {@code null}. */
    public Exception firstFailure() {
        return firstFailure.get();
    }
}

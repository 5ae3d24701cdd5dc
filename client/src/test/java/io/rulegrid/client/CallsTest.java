package io.rulegrid.client;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import io.rulegrid.grid.RetriableGridException;
import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.RuleGridException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller can tell a failure worth retrying from one that would fail again, by its type alone. */
class CallsTest {

    @Test
    void callWhoseOutcomeIsUnknownIsRetriable() {
        RuntimeException indeterminate = Calls.unwrap(new CompletionException(
                new IndeterminateOperationStateException("backup not confirmed")), "evaluate key \"o-1\"");
        RuntimeException timeout = Calls.unwrap(new ExecutionException(new OperationTimeoutException("no answer")),
                "evaluate key \"o-2\"");

        assertThat(indeterminate).isInstanceOf(RetriableGridException.class)
                .hasMessageStartingWith("cannot evaluate key \"o-1\" (retriable")
                .hasCauseInstanceOf(IndeterminateOperationStateException.class);
        assertThat(timeout).isInstanceOf(RetriableGridException.class);
    }

    @Test
    void ruleFailureIsPermanentAndKeepsItsType() {
        RuleEvaluationException ruleFailure = new RuleEvaluationException("pricing", "r", "o-1", "division by zero", null);

        RuntimeException unwrapped = Calls.unwrap(new CompletionException(ruleFailure), "evaluate key \"o-1\"");

        assertThat(unwrapped).isSameAs(ruleFailure).isNotInstanceOf(RetriableGridException.class);
    }

    @Test
    void otherFailureIsPermanent() {
        RuntimeException unwrapped = Calls.unwrap(new CompletionException(new IllegalStateException("closed")), "deploy");

        assertThat(unwrapped).isExactlyInstanceOf(RuleGridException.class).hasMessage("cannot deploy: java.lang.IllegalStateException: closed");
    }
}

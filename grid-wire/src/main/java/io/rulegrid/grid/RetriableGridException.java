package io.rulegrid.grid;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import com.hazelcast.spi.exception.TargetDisconnectedException;

import io.rulegrid.api.RuleGridException;

/**
 * A call whose outcome is not known, or that did not reach a member: the member left or was stopping, the
 * call timed out, or its backup could not be confirmed. Sending the call again is the remedy; RuleGrid's
 * evaluations and upserts end in the same state when repeated. Every other {@link RuleGridException} is
 * permanent: a rule, a fact or a ruleset is wrong, and sending the call again fails again.
 */
public class RetriableGridException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    public RetriableGridException(String message, String ruleset, Object key, Throwable cause) {
        super(message, ruleset, null, key, cause);
    }

    /** Whether a failure of a Hazelcast call is one that sending it again can cure. */
    public static boolean isRetriable(Throwable failure) {
        return failure instanceof IndeterminateOperationStateException || failure instanceof MemberLeftException
                || failure instanceof OperationTimeoutException || failure instanceof TargetDisconnectedException
                || failure instanceof RetryableHazelcastException || failure instanceof HazelcastInstanceNotActiveException;
    }
}

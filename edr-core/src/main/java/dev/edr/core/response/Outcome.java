package dev.edr.core.response;

import java.util.Objects;

/**
 * What an adapter reports for one action. A {@link Status#FAILED} outcome is definitive and is not retried; an
 * adapter signals a transient problem (timeout, 5xx, connection refused) by completing its stage exceptionally,
 * which the dispatcher retries with backoff. {@code reference} is the vendor's id for the job, when there is one.
 */
public record Outcome(Status status, String reference, String detail) {
    public enum Status {
        /** The vendor took the request; it will be carried out without further news from us. */
        ACCEPTED,
        /** Done and confirmed. */
        SUCCEEDED,
        /** Definitively not done (unknown account, unsupported action, refused). */
        FAILED,
        /** The vendor is still working on it; {@code reference} lets a responder follow it up. */
        PENDING
    }

    public Outcome {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static Outcome succeeded(String detail) {
        return new Outcome(Status.SUCCEEDED, null, detail);
    }

    public static Outcome failed(String detail) {
        return new Outcome(Status.FAILED, null, detail);
    }

    public static Outcome accepted(String reference, String detail) {
        return new Outcome(Status.ACCEPTED, reference, detail);
    }

    public static Outcome pending(String reference, String detail) {
        return new Outcome(Status.PENDING, reference, detail);
    }

    public Outcome withReference(String ref) {
        return new Outcome(status, ref, detail);
    }
}

package dev.edr.core.internal.response;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Written by the worker (and {@code submit} for the first two), read by anyone via stats(). */
final class Counters {
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong droppedOverflow = new AtomicLong();
    final AtomicInteger queued = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong dispatched = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong suppressed = new AtomicLong();
}

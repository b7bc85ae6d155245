package dev.edr.core.internal.response;

import java.time.Duration;

/**
 * The dispatcher's single worker, as seen by the parts that run on it. All action state lives on that thread,
 * so none of it needs locks; adapter callbacks and timers come back through {@link #post}.
 */
interface WorkLoop {
    /** Runs {@code task} on the worker; not counted as outstanding work (the caller already is). */
    void post(Runnable task);

    /** Runs {@code task} on the worker after {@code delay}; outstanding until it has run. */
    void later(Duration delay, Runnable task);

    /** Like {@link #later} but not outstanding: a watchdog that is a no-op when its work already ended. */
    void watchdog(Duration delay, Runnable task);

    /** One more unit of outstanding work (an attempt in flight)... */
    void begin();

    /** ...and that unit is done. */
    void end();
}

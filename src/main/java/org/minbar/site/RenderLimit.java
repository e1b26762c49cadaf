package org.minbar.site;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most so many one-off page renderings at once (a bulkhead): pages for a request with a session
 * (an editor reading the site) and first renderings of pages nobody has asked for yet (a crawler
 * walking the archive). Two cores render about as fast with four at once as with 256, but with 256
 * every other request, the editor's publish and the reader's kept home page among them, queued
 * behind them for Tomcat's threads: under such a crowd publishes took up to 8 s to show. Renderings
 * of a kept page after a change are not limited (one per page, and they are what shows a publish).
 * The queue is fair (first come, first rendered); a rendering that waits longer than the wait is
 * answered "busy" (503, Retry-After).
 */
final class RenderLimit {

    private static final Logger log = LoggerFactory.getLogger(RenderLimit.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Semaphore rendering;
    private final int concurrent;
    private final long waitNanos;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    RenderLimit(int concurrent, Duration wait) {
        this.concurrent = concurrent > 0 ? concurrent : Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        this.rendering = new Semaphore(this.concurrent, true);
        this.waitNanos = wait.toNanos();
    }

    /** Waits for a turn; false when none came within the wait (the caller answers busy) or the thread was interrupted. */
    boolean enter() {
        try {
            if (rendering.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
            log.warn("Page renderings waited more than {} ms for one of the {} turns; answering 503 (minbar.site.renders.*)",
                    TimeUnit.NANOSECONDS.toMillis(waitNanos), concurrent);
        }
        return false;
    }

    void exit() {
        rendering.release();
    }

    int concurrent() {
        return concurrent;
    }
}

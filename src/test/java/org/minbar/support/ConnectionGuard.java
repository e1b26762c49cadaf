package org.minbar.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Catches a thread that borrows a second pooled connection while it still holds one: the pattern
 * that deadlocks the pool under load (every connection held by a request waiting for one more).
 * Import it into a {@code @SpringBootTest}; it wraps the application's DataSource, records each
 * such borrow with the stack that made it, and {@link #violations()} lists them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConnectionGuard {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConnectionGuard.class);
    private static final List<Throwable> VIOLATIONS = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<int[]> OPEN = ThreadLocal.withInitial(() -> new int[1]);

    /** Second borrows seen since the last {@link #reset()}, each with the stack of the borrowing code. */
    public static List<Throwable> violations() {
        return List.copyOf(VIOLATIONS);
    }

    public static void reset() {
        VIOLATIONS.clear();
    }

    @Bean
    static BeanPostProcessor connectionGuardWrapper() {
        return WrappedDataSource.wrapping("connection-guard", ConnectionGuard::track);
    }

    /** Counts the connections each thread holds. */
    /** Wraps every DataSource of a context; for an audit run (registered from spring.factories), not used by the tests. */
    public static final class Everywhere implements org.springframework.context.ApplicationContextInitializer<
            org.springframework.context.ConfigurableApplicationContext> {
        @Override
        public void initialize(org.springframework.context.ConfigurableApplicationContext context) {
            context.getBeanFactory().addBeanPostProcessor(connectionGuardWrapper());
        }
    }

    private static Connection track(Connection connection) {
        int[] open = OPEN.get();
        if (open[0] > 0) {
            IllegalStateException violation = new IllegalStateException("Thread " + Thread.currentThread().getName()
                    + " borrowed a second connection while holding " + open[0]);
            VIOLATIONS.add(violation);
            LOG.warn("Second pooled connection borrowed by one thread", violation);
        }
        open[0]++;
        // A connection may be closed by another thread than the one that borrowed it: count it off the borrower.
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getName().equals("close") && !closed) {
                    closed = true;
                    open[0]--;
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(ConnectionGuard.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }
}

package org.minbar.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the SQL that request threads (Tomcat's {@code http-nio-*}) prepare, for checking that a
 * page renders from the read models. Import it into a {@code @SpringBootTest}; background jobs run on
 * other threads and are not recorded.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    /** The statements request threads prepared since the last {@link #reset()}. */
    public static List<String> statements() {
        return List.copyOf(STATEMENTS);
    }

    public static void reset() {
        STATEMENTS.clear();
    }

    @Bean
    static BeanPostProcessor statementCounterWrapper() {
        return WrappedDataSource.wrapping("statement-counter", StatementCounter::counted);
    }

    private static Connection counted(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall"))
                            && Thread.currentThread().getName().startsWith("http-nio")) {
                        STATEMENTS.add(args != null && args.length > 0 ? String.valueOf(args[0]) : name);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

package org.minbar.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** The application's DataSource with each connection it hands out wrapped: how the test helpers watch the SQL. */
final class WrappedDataSource extends DelegatingDataSource {

    private final String kind;
    private final UnaryOperator<Connection> wrap;

    private WrappedDataSource(DataSource target, String kind, UnaryOperator<Connection> wrap) {
        super(target);
        this.kind = kind;
        this.wrap = wrap;
    }

    /** Wraps every DataSource bean once with {@code wrap} ({@code kind} tells the wrappers apart). */
    static BeanPostProcessor wrapping(String kind, UnaryOperator<Connection> wrap) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !isWrapped(dataSource, kind)
                        ? new WrappedDataSource(dataSource, kind, wrap) : bean;
            }
        };
    }

    private static boolean isWrapped(DataSource dataSource, String kind) {
        for (DataSource d = dataSource; d instanceof WrappedDataSource w; d = w.getTargetDataSource()) {
            if (w.kind.equals(kind)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap.apply(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap.apply(super.getConnection(username, password));
    }
}

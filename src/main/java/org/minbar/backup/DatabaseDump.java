package org.minbar.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Every table's rows as JSON lines (one array of values a row, in primary-key order), read through
 * plain JDBC so that a dump of H2 loads into PostgreSQL and back. Values are typed by a portable kind
 * per column rather than by the product's type names. The dump reads one repeatable-read snapshot;
 * the load writes in one transaction.
 */
@Component
class DatabaseDump {

    /**
     * Left out: Flyway's own history (the restoring jar's migrations create it), the job scheduler's
     * rows (the site schedules its recurring jobs again at start) and event publications in flight
     * (they only feed the search index and caches, which a restore rebuilds).
     */
    static final Set<String> NOT_BACKED_UP = Set.of("flyway_schema_history", "scheduled_tasks", "event_publication");
    private static final int BATCH = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate writing;

    DatabaseDump(DataSource dataSource, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.writing = new TransactionTemplate(transactions);
    }

    String product() {
        return inConnection(c -> c.getMetaData().getDatabaseProductName());
    }

    /** Writes {@code dir/NAME.jsonl} for every table, reporting the rows written so far and the total. */
    List<Manifest.Table> dump(Path dir, java.util.function.BiConsumer<Long, Long> rowsDone) {
        return snapshot.execute(status -> inConnection(connection -> {
            List<Manifest.Table> tables = new ArrayList<>();
            List<String> names = tablesInInsertOrder(connection);
            long total = 0;
            for (String table : names) {
                total += max(connection, table, "count(*)") ;
            }
            long done = 0;
            for (String table : names) {
                List<String> key = primaryKey(connection, table);
                try (Statement s = connection.createStatement();
                        ResultSet rows = s.executeQuery("select * from " + table
                                + (key.isEmpty() ? "" : " order by " + String.join(", ", key)));
                        BufferedWriter out = Files.newBufferedWriter(dir.resolve(table + ".jsonl"), StandardCharsets.UTF_8)) {
                    List<Manifest.Column> columns = columns(rows.getMetaData());
                    long count = 0;
                    while (rows.next()) {
                        ArrayNode row = JSON.createArrayNode();
                        for (int i = 0; i < columns.size(); i++) {
                            write(row, columns.get(i).kind(), rows, i + 1);
                        }
                        out.write(JSON.writeValueAsString(row));
                        out.write('\n');
                        count++;
                        if (++done % BATCH == 0) {
                            rowsDone.accept(done, total);
                        }
                    }
                    tables.add(new Manifest.Table(table, columns, count));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            rowsDone.accept(done, total);
            return tables;
        }));
    }

    /** The backed-up tables that hold rows here (a restore goes only into an empty database). */
    List<String> tablesWithRows() {
        return inConnection(connection -> {
            List<String> found = new ArrayList<>();
            for (String table : tablesInInsertOrder(connection)) {
                try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select 1 from " + table + " limit 1")) {
                    if (r.next()) {
                        found.add(table);
                    }
                }
            }
            return found;
        });
    }

    /** Inserts every table's rows from {@code dir}, in one transaction, then moves identities and sequences past them. */
    void load(Path dir, List<Manifest.Table> tables, LongConsumer rowsDone) {
        writing.executeWithoutResult(status -> inConnection(connection -> {
            long done = 0;
            for (Manifest.Table table : tables) {
                List<Manifest.Column> columns = table.columns();
                String sql = "insert into " + table.name() + " (" + String.join(", ", columns.stream().map(Manifest.Column::name).toList())
                        + ") values (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
                try (PreparedStatement insert = connection.prepareStatement(sql);
                        BufferedReader in = Files.newBufferedReader(dir.resolve(table.name() + ".jsonl"), StandardCharsets.UTF_8)) {
                    String line;
                    int pending = 0;
                    while ((line = in.readLine()) != null) {
                        JsonNode row = JSON.readTree(line);
                        for (int i = 0; i < columns.size(); i++) {
                            bind(insert, i + 1, columns.get(i).kind(), row.get(i));
                        }
                        insert.addBatch();
                        done++;
                        if (++pending == BATCH) {
                            insert.executeBatch();
                            pending = 0;
                            rowsDone.accept(done);
                        }
                    }
                    if (pending > 0) {
                        insert.executeBatch();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            rowsDone.accept(done);
            restartIdentities(connection, tables);
            return null;
        }));
    }

    /** New rows get ids after the restored ones: identity columns, and a sequence {@code T_seq} that gives table T its ids. */
    private static void restartIdentities(Connection connection, List<Manifest.Table> tables) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        for (Manifest.Table table : tables) {
            try (ResultSet columns = meta.getColumns(null, schema, table.name(), "%")) {
                while (columns.next()) {
                    if ("YES".equalsIgnoreCase(columns.getString("IS_AUTOINCREMENT"))) {
                        String column = columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                        long next = max(connection, table.name(), column) + 1;
                        try (Statement s = connection.createStatement()) {
                            s.execute("alter table " + table.name() + " alter column " + column + " restart with " + next);
                        }
                    }
                }
            }
        }
        List<String> sequences = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("select sequence_name from information_schema.sequences where lower(sequence_schema) = '"
                        + schema.toLowerCase(Locale.ROOT) + "'")) {
            while (r.next()) {
                sequences.add(r.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        for (String sequence : sequences) {
            String table = sequence.replaceFirst("_seq$", "");
            if (!sequence.equals(table) && tables.stream().anyMatch(t -> t.name().equals(table))) {
                try (Statement s = connection.createStatement()) {
                    s.execute("alter sequence " + sequence + " restart with " + (max(connection, table, "id") + 1));
                }
            }
        }
    }

    /** {@code select EXPRESSION from TABLE}'s one number: {@code max(id)}, {@code count(*)}. */
    private static long max(Connection connection, String table, String column) throws SQLException {
        String expression = column.contains("(") ? column : "max(" + column + ")";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select " + expression + " from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The application's tables, each after the tables it references (so inserts satisfy foreign keys). */
    private static List<String> tablesInInsertOrder(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, Set<String>> references = new LinkedHashMap<>();
        try (ResultSet r = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!NOT_BACKED_UP.contains(name)) {
                    references.put(name, new LinkedHashSet<>());
                }
            }
        }
        for (Map.Entry<String, Set<String>> table : references.entrySet()) {
            try (ResultSet keys = meta.getImportedKeys(null, schema, table.getKey())) {
                while (keys.next()) {
                    String referenced = keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!referenced.equals(table.getKey())) { // a table referencing itself: rows go in key order
                        table.getValue().add(referenced);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        List<String> names = new ArrayList<>(references.keySet());
        names.sort(null);
        while (ordered.size() < names.size()) {
            boolean progressed = false;
            for (String name : names) {
                if (!ordered.contains(name) && ordered.containsAll(references.get(name).stream().filter(references::containsKey).toList())) {
                    ordered.add(name);
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("Tables reference each other in a cycle: " + references);
            }
        }
        return ordered;
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        Map<Integer, String> columns = new java.util.TreeMap<>();
        try (ResultSet r = connection.getMetaData().getPrimaryKeys(null, connection.getSchema(), table)) {
            while (r.next()) {
                columns.put(r.getInt("KEY_SEQ"), r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(columns.values());
    }

    private static List<Manifest.Column> columns(ResultSetMetaData meta) throws SQLException {
        List<Manifest.Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new Manifest.Column(meta.getColumnName(i).toLowerCase(Locale.ROOT), kind(meta, i)));
        }
        return columns;
    }

    private static String kind(ResultSetMetaData meta, int i) throws SQLException {
        String typeName = String.valueOf(meta.getColumnTypeName(i)).toLowerCase(Locale.ROOT);
        if (typeName.equals("uuid")) {
            return "uuid";
        }
        return switch (meta.getColumnType(i)) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "int";
            case Types.BOOLEAN, Types.BIT -> "bool";
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> "text";
            case Types.DECIMAL, Types.NUMERIC -> "decimal";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            // PostgreSQL's driver reports timestamptz as TIMESTAMP; its type name tells them apart.
            case Types.TIMESTAMP -> typeName.contains("tz") || typeName.contains("time zone") ? "timestamptz" : "timestamp";
            case Types.DATE -> "date";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "bytes";
            default -> throw new IllegalStateException("Cannot back up column " + meta.getTableName(i) + "."
                    + meta.getColumnName(i) + " of type " + typeName);
        };
    }

    private static void write(ArrayNode row, String kind, ResultSet rs, int i) throws SQLException {
        switch (kind) {
            case "int" -> {
                long value = rs.getLong(i);
                if (rs.wasNull()) {
                    row.addNull();
                } else {
                    row.add(value);
                }
            }
            case "bool" -> {
                boolean value = rs.getBoolean(i);
                if (rs.wasNull()) {
                    row.addNull();
                } else {
                    row.add(value);
                }
            }
            case "bytes" -> {
                byte[] value = rs.getBytes(i);
                row.add(value == null ? null : Base64.getEncoder().encodeToString(value));
            }
            case "timestamptz" -> addText(row, rs.getObject(i, OffsetDateTime.class));
            case "timestamp" -> addText(row, rs.getObject(i, LocalDateTime.class));
            case "date" -> addText(row, rs.getObject(i, LocalDate.class));
            case "uuid" -> addText(row, rs.getObject(i));
            case "decimal" -> addText(row, rs.getBigDecimal(i));
            default -> row.add(rs.getString(i));
        }
    }

    private static void addText(ArrayNode row, Object value) {
        if (value == null) {
            row.addNull();
        } else {
            row.add(value.toString());
        }
    }

    private static void bind(PreparedStatement insert, int i, String kind, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            insert.setObject(i, null);
            return;
        }
        switch (kind) {
            case "int" -> insert.setLong(i, value.asLong());
            case "bool" -> insert.setBoolean(i, value.asBoolean());
            case "bytes" -> insert.setBytes(i, Base64.getDecoder().decode(value.asString()));
            case "timestamptz" -> insert.setObject(i, OffsetDateTime.parse(value.asString()));
            case "timestamp" -> insert.setObject(i, LocalDateTime.parse(value.asString()));
            case "date" -> insert.setObject(i, LocalDate.parse(value.asString()));
            case "uuid" -> insert.setObject(i, UUID.fromString(value.asString()));
            case "decimal" -> insert.setBigDecimal(i, new BigDecimal(value.asString()));
            default -> insert.setString(i, value.asString());
        }
    }

    private interface WithConnection<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** The transaction's connection when there is one (the snapshot, the load), else one of the pool's. */
    private <T> T inConnection(WithConnection<T> work) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Database error during backup or restore: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}

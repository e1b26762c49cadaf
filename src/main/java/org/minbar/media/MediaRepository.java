package org.minbar.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL for the media library's rows. */
@Repository
class MediaRepository {

    /** A row as stored: file names are derived from {@code base} and {@code extension}. */
    record Row(long id, String base, String extension, String mimeType, List<Size> renditions, int originalWidth,
            int originalHeight, long bytes, String alt, String caption, String credit, String originalFilename,
            String uploadedBy, Instant uploadedAt) {
    }

    /** The pixel size of one rendition. */
    record Size(int width, int height) {
    }

    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextId() {
        return jdbc.sql("select nextval('media_item_seq')").query(Long.class).single();
    }

    void insert(Row row) {
        jdbc.sql("""
                insert into media_item (id, file_base, file_ext, mime_type, renditions, original_width, original_height,
                    byte_size, alt, caption, credit, original_filename, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.id(), row.base(), row.extension(), row.mimeType(), renditions(row.renditions()),
                        row.originalWidth(), row.originalHeight(), row.bytes(), row.alt(), row.caption(), row.credit(),
                        row.originalFilename(), row.uploadedBy(), OffsetDateTime.ofInstant(row.uploadedAt(), ZoneOffset.UTC))
                .update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select * from media_item where id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    /** Newest first; {@code query} (already lower-case) matches the file name, alt text, caption or credit. */
    List<Row> recent(String query, int limit, int offset) {
        if (query == null) {
            return jdbc.sql("select * from media_item order by uploaded_at desc, id desc limit ? offset ?")
                    .params(limit, offset).query((rs, n) -> row(rs)).list();
        }
        String like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                select * from media_item
                where lower(original_filename) like ? escape '\\' or lower(coalesce(alt, '')) like ? escape '\\'
                   or lower(coalesce(caption, '')) like ? escape '\\' or lower(coalesce(credit, '')) like ? escape '\\'
                order by uploaded_at desc, id desc limit ? offset ?""")
                .params(like, like, like, like, limit, offset).query((rs, n) -> row(rs)).list();
    }

    boolean describe(long id, String alt, String caption, String credit) {
        return jdbc.sql("update media_item set alt = ?, caption = ?, credit = ? where id = ?")
                .params(alt, caption, credit, id).update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("delete from media_item where id = ?").param(id).update() == 1;
    }

    Set<Long> ids() {
        return new HashSet<>(jdbc.sql("select id from media_item").query(Long.class).list());
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("file_base"), rs.getString("file_ext"), rs.getString("mime_type"),
                renditions(rs.getString("renditions")), rs.getInt("original_width"), rs.getInt("original_height"),
                rs.getLong("byte_size"), rs.getString("alt"), rs.getString("caption"), rs.getString("credit"),
                rs.getString("original_filename"), rs.getString("uploaded_by"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
    }

    static String renditions(List<Size> sizes) {
        StringBuilder text = new StringBuilder();
        for (Size size : sizes) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(size.width()).append('x').append(size.height());
        }
        return text.toString();
    }

    static List<Size> renditions(String text) {
        List<Size> sizes = new ArrayList<>();
        for (String size : text.split(",")) {
            String[] parts = size.split("x");
            sizes.add(new Size(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        }
        return sizes;
    }
}

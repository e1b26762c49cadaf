package org.minbar.migration;

import java.util.List;
import java.util.Map;

/**
 * One {@code <item>} of a WordPress export, as read (no interpretation yet). {@code postId} is
 * WordPress's id, or for an item without one (hand-made and third-party exports) a negative key
 * derived from its guid, else its link, so that re-imports find it again; 0 when it has none of them.
 * {@code password}: a password-protected post's password, empty or null for others.
 * {@code postParent}: the WordPress id of the post an attachment belongs to, 0 for none.
 * {@code postModified}/{@code postModifiedGmt}: when the post was last changed (WordPress's
 * {@code post_modified}, local, and {@code post_modified_gmt}), null when the export has none.
 */
record WxrItem(long postId, String postType, String title, String link, String creator, String content, String excerpt,
        String postDate, String postDateGmt, String postName, String status, boolean sticky,
        String attachmentUrl, List<Term> terms, Map<String, String> meta, int comments, long line, long column, String guid,
        String password, long postParent, String postModified, String postModifiedGmt) {

    /** WordPress's post id, or a stable negative key from the guid (else the link); 0 when there is nothing to key on. */
    static long key(String postId, String guid, String link) {
        if (postId != null && !postId.isBlank()) {
            try {
                long id = Long.parseLong(postId.strip());
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // keyed below like an item without an id
            }
        }
        String basis = guid != null && !guid.isBlank() ? "guid:" + guid.strip() : link != null && !link.isBlank() ? "link:" + link.strip() : null;
        if (basis == null) {
            return 0;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(basis.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long bits = java.nio.ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE; // 63 bits: no WordPress id is negative
            return bits == 0 ? -1 : -bits;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the post is password-protected in WordPress. */
    boolean passwordProtected() {
        return password != null && !password.isBlank();
    }

    /** How reports name the item: its WordPress id, or its guid or link when it has none. */
    String label() {
        if (postId > 0) {
            return "post " + postId;
        }
        return "post " + (guid != null && !guid.isBlank() ? guid.strip() : link != null && !link.isBlank() ? link.strip() : "without id");
    }

    /** A {@code <category domain="category|post_tag" nicename="...">Name</category>} of an item. */
    record Term(String domain, String nicename, String name) {
    }

    String meta(String key) {
        return meta.get(key);
    }
}

package org.minbar.migration;

import java.util.List;
import java.util.Map;

/** One {@code <item>} of a WordPress export, as read (no interpretation yet). */
record WxrItem(long postId, String postType, String title, String link, String creator, String content, String excerpt,
        String postDate, String postDateGmt, String postName, String status, boolean sticky,
        String attachmentUrl, List<Term> terms, Map<String, String> meta, int comments, long line) {

    /** A {@code <category domain="category|post_tag" nicename="...">Name</category>} of an item. */
    record Term(String domain, String nicename, String name) {
    }

    String meta(String key) {
        return meta.get(key);
    }
}

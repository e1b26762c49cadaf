package org.minbar.migration;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a WordPress eXtended RSS file (WXR 1.0 to 1.2) as a stream: one item at a time, so memory
 * stays constant whatever the file size. DTDs and external entities are refused.
 */
final class WxrReader {

    /** What the reader hands over while it reads. */
    interface Listener {
        /** Called once, before the first item (or at the end when there are none). */
        default void channel(WxrChannel channel) {
        }

        void item(WxrItem item);

        /**
         * Text between two elements of an item or term ({@code </wp:is_sticky>'} in WordPress's own
         * theme unit test data): WordPress ignores it, and so does the import, counting it.
         */
        default void strayText(long line, long column) {
        }

        /** Bytes of the file read so far. */
        default void progress(long bytesRead) {
        }
    }

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private WxrReader() {
    }

    /**
     * Reads the file, calling the listener as it goes.
     *
     * @throws MalformedWxrException with {@code file:line:column: reason} when the XML is broken or not WXR
     */
    static void read(Path file, Listener listener) throws IOException {
        try (InputStream raw = Files.newInputStream(file); Counting in = new Counting(raw)) {
            XMLStreamReader xml;
            try {
                xml = FACTORY.createXMLStreamReader(in);
            } catch (XMLStreamException e) {
                throw malformed(file, e);
            }
            try {
                new Parse(xml, listener, in).run();
            } catch (XMLStreamException e) {
                throw malformed(file, e);
            } finally {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // closing a broken stream tells nothing new
                }
            }
        }
    }

    private static MalformedWxrException malformed(Path file, XMLStreamException e) {
        String reason = e.getMessage() == null ? "malformed XML" : e.getMessage();
        // The JDK puts "ParseError at [row,col]:[l,c]\nMessage: ..." in front of the reason.
        int message = reason.indexOf("Message: ");
        if (message >= 0) {
            reason = reason.substring(message + "Message: ".length());
        }
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNumber();
        return new MalformedWxrException(file + ":" + line + ":" + column + ": " + reason.strip());
    }

    private static final class Parse {
        private final XMLStreamReader xml;
        private final Listener listener;
        private final Counting counter;
        private String version;
        private String baseSiteUrl;
        private String link;
        private final List<WxrChannel.Author> authors = new ArrayList<>();
        private final List<WxrChannel.Category> categories = new ArrayList<>();
        private final List<WxrChannel.TagTerm> tags = new ArrayList<>();
        private boolean channelSent;
        private boolean sawRss;

        Parse(XMLStreamReader xml, Listener listener, Counting counter) {
            this.xml = xml;
            this.listener = listener;
            this.counter = counter;
        }

        void run() throws XMLStreamException {
            int depth = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = name();
                    if (depth == 1) {
                        if (!name.equals("rss")) {
                            throw new XMLStreamException("not a WordPress export: the root element is <" + xml.getLocalName()
                                    + ">, not <rss>", xml.getLocation());
                        }
                        sawRss = true;
                    } else if (depth == 3) {
                        channelChild(name);
                        depth--; // the child was read to its end
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (!sawRss) {
                throw new XMLStreamException("not a WordPress export: no <rss> element", xml.getLocation());
            }
            sendChannel();
        }

        private void channelChild(String name) throws XMLStreamException {
            switch (name) {
                case "wp:wxr_version" -> version = text();
                case "wp:base_site_url" -> baseSiteUrl = text();
                case "link" -> link = text();
                case "wp:author" -> {
                    Map<String, String> fields = fields();
                    authors.add(new WxrChannel.Author(fields.getOrDefault("wp:author_login", ""),
                            fields.getOrDefault("wp:author_display_name", fields.getOrDefault("wp:author_login", ""))));
                }
                case "wp:category" -> {
                    long line = xml.getLocation().getLineNumber();
                    long column = xml.getLocation().getColumnNumber();
                    Map<String, String> fields = fields();
                    categories.add(new WxrChannel.Category(fields.getOrDefault("wp:category_nicename", ""),
                            fields.getOrDefault("wp:cat_name", ""), fields.getOrDefault("wp:category_parent", ""), line, column));
                }
                case "wp:tag" -> {
                    long line = xml.getLocation().getLineNumber();
                    long column = xml.getLocation().getColumnNumber();
                    Map<String, String> fields = fields();
                    tags.add(new WxrChannel.TagTerm(fields.getOrDefault("wp:tag_slug", ""), fields.getOrDefault("wp:tag_name", ""),
                            line, column));
                }
                case "item" -> {
                    sendChannel();
                    listener.item(item());
                    listener.progress(counter.count);
                }
                default -> skip();
            }
        }

        private void sendChannel() {
            if (!channelSent) {
                channelSent = true;
                listener.channel(new WxrChannel(version, baseSiteUrl, link, List.copyOf(authors), List.copyOf(categories),
                        List.copyOf(tags)));
            }
        }

        private WxrItem item() throws XMLStreamException {
            long line = xml.getLocation().getLineNumber();
            long column = xml.getLocation().getColumnNumber();
            Map<String, String> fields = new HashMap<>();
            List<WxrItem.Term> terms = new ArrayList<>();
            Map<String, String> meta = new HashMap<>();
            int comments = 0;
            while (nextElement() == XMLStreamConstants.START_ELEMENT) {
                String name = name();
                switch (name) {
                    case "category" -> {
                        String domain = attribute("domain");
                        String nicename = attribute("nicename");
                        terms.add(new WxrItem.Term(domain == null ? "category" : domain, nicename == null ? "" : nicename, text()));
                    }
                    case "wp:postmeta" -> {
                        Map<String, String> pair = fields();
                        meta.put(pair.getOrDefault("wp:meta_key", ""), pair.getOrDefault("wp:meta_value", ""));
                    }
                    case "wp:comment" -> {
                        comments++;
                        skip();
                    }
                    default -> fields.put(name, text());
                }
            }
            String guid = fields.get("guid");
            long postId = WxrItem.key(fields.get("wp:post_id"), guid, fields.get("link"));
            return new WxrItem(postId, fields.getOrDefault("wp:post_type", "post"), fields.getOrDefault("title", ""),
                    fields.get("link"), fields.get("dc:creator"), fields.getOrDefault("content:encoded", ""),
                    fields.get("excerpt:encoded"), fields.get("wp:post_date"), fields.get("wp:post_date_gmt"),
                    fields.get("wp:post_name"), fields.getOrDefault("wp:status", "publish"),
                    "1".equals(fields.getOrDefault("wp:is_sticky", "0").strip()), fields.get("wp:attachment_url"),
                    terms, meta, comments, line, column, guid, fields.get("wp:post_password"), parent(fields.get("wp:post_parent")),
                    fields.get("wp:post_modified"), fields.get("wp:post_modified_gmt"));
        }

        /** The text children of the current element, by name; nested elements deeper than one level are skipped. */
        private Map<String, String> fields() throws XMLStreamException {
            Map<String, String> fields = new HashMap<>();
            while (nextElement() == XMLStreamConstants.START_ELEMENT) {
                String name = name();
                fields.put(name, text());
            }
            return fields;
        }

        /**
         * Like {@link XMLStreamReader#nextTag()}, but text between elements is skipped (and reported)
         * instead of failing the whole file, as WordPress's own importer does.
         */
        private int nextElement() throws XMLStreamException {
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                        return event;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!xml.isWhiteSpace() && !xml.getText().isBlank()) {
                            listener.strayText(xml.getLocation().getLineNumber(), xml.getLocation().getColumnNumber());
                        }
                    }
                    case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of file", xml.getLocation());
                    default -> {
                        // whitespace, comments, processing instructions
                    }
                }
            }
        }

        /** The text of the current element, which must not contain elements; leaves the reader at its end. */
        private String text() throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                            XMLStreamConstants.ENTITY_REFERENCE -> {
                        if (depth == 1) {
                            text.append(xml.getText());
                        }
                    }
                    case XMLStreamConstants.START_ELEMENT -> depth++;
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of file", xml.getLocation());
                    default -> {
                    }
                }
            }
            return text.toString();
        }

        private void skip() throws XMLStreamException {
            text();
        }

        private String attribute(String local) {
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                if (xml.getAttributeLocalName(i).equals(local)) {
                    return xml.getAttributeValue(i);
                }
            }
            return null;
        }

        /** The element's name with the conventional WXR prefix, whatever prefix or WXR version the file uses. */
        private String name() {
            String uri = xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
            String local = xml.getLocalName();
            if (uri.isEmpty()) {
                return local;
            }
            if (uri.contains("wordpress.org/export/") && uri.contains("/excerpt")) {
                return "excerpt:" + local;
            }
            if (uri.contains("wordpress.org/export/")) {
                return "wp:" + local;
            }
            if (uri.contains("purl.org/rss/1.0/modules/content")) {
                return "content:" + local;
            }
            if (uri.contains("purl.org/dc/elements")) {
                return "dc:" + local;
            }
            return uri + ":" + local;
        }
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static long parent(String text) {
        try {
            return text == null || text.isBlank() ? 0 : Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

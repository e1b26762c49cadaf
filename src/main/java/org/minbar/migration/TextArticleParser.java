package org.minbar.migration;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;

/**
 * Reads the text of a scraped article page (the seed's format): the first real line is the
 * title; short lines without final punctuation are subheadings; "اقرأ أيضاً: TITLE" lines are
 * read-also promos; "SITE-خاص" is the source label; "إعداد وتحرير: NAME" is the byline; the page
 * chrome at the end (tags, related, section names, popular, newsletter) is not body text.
 */
final class TextArticleParser {

    static final int MAX_TITLE_LENGTH = 300;
    private static final int MAX_SUBHEADING_LENGTH = 80;
    private static final int MAX_SUBHEADING_WORDS = 12;
    private static final String FINAL_PUNCTUATION = ".!?؟…:؛,،\"”»)]'";

    private static final Pattern NOISE = Pattern.compile("[\\p{P}\\p{S}\\s]*");
    private static final Pattern READ_ALSO = Pattern.compile("^اقرا? ايضا?\\s*[:：\\-–]\\s*(.+)$");
    private static final Pattern SOURCE_LABEL = Pattern.compile("^[^:]{1,40}\\s*[-–]\\s*خاص$");
    private static final Pattern BYLINE = Pattern.compile("^([^:]{2,60})\\s*[:：]\\s*(.{2,200})$");

    enum Chrome { TAGS, RELATED, POPULAR, NEWSLETTER }

    private TextArticleParser() {
    }

    static ParsedArticle parse(byte[] bytes, String file) {
        List<String> lines = decode(bytes, file);
        String title = null;
        int titleLine = 0;
        List<ParsedArticle.Block> body = new ArrayList<>();
        String sourceLabel = null;
        List<Contributor> contributors = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        Chrome chrome = null;
        boolean anyText = false;

        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip().replaceAll("\\s+", " ");
            if (NOISE.matcher(line).matches()) {
                continue;
            }
            anyText = true;
            Chrome marker = chromeMarker(line);
            if (marker != null) {
                if (title == null) {
                    throw new MalformedImportException(file, lineNumber, "no title: the first text line is page chrome (" + line + ")");
                }
                chrome = marker;
                continue;
            }
            if (chrome != null) {
                switch (chrome) {
                    case TAGS -> splitNames(line, "[|،,]").forEach(tags::add);
                    case RELATED -> splitNames(line, "\\|").forEach(sections::add);
                    default -> { } // popular headlines and the subscribe sentence are not content
                }
                continue;
            }
            String loose = loose(line);
            if (title == null) {
                if (READ_ALSO.matcher(loose).matches() || line.length() > MAX_TITLE_LENGTH) {
                    throw new MalformedImportException(file, lineNumber,
                            "no title: the first text line is " + (line.length() > MAX_TITLE_LENGTH ? "a paragraph" : "a read-also promo"));
                }
                title = line;
                titleLine = lineNumber;
                continue;
            }
            Matcher readAlso = READ_ALSO.matcher(loose);
            if (readAlso.matches()) {
                // The title as written (with its hamzas), after the separator.
                int separator = line.replaceAll("[：\\-–]", ":").indexOf(':');
                String promoTitle = line.substring(separator + 1).strip();
                body.add(new ParsedArticle.ReadAlsoPromo(promoTitle));
                continue;
            }
            if (sourceLabel == null && SOURCE_LABEL.matcher(line).matches()) {
                sourceLabel = line;
                continue;
            }
            List<Contributor> byline = byline(line);
            if (!byline.isEmpty()) {
                contributors.addAll(byline);
                continue;
            }
            if (isSubheading(line)) {
                body.add(new ParsedArticle.Subheading(line));
            } else {
                body.add(new ParsedArticle.Paragraph(line));
            }
        }
        if (!anyText) {
            throw new MalformedImportException(file, 1, "the file has no text");
        }
        if (title == null) {
            throw new MalformedImportException(file, lines.size(), "no title");
        }
        if (body.stream().noneMatch(ParsedArticle.Paragraph.class::isInstance)) {
            throw new MalformedImportException(file, titleLine, "no body text after the title");
        }
        return new ParsedArticle(title, body, sourceLabel, contributors, tags, sections);
    }

    /** Strict UTF-8, line by line, so that an error names its line; control characters mean binary data. */
    private static List<String> decode(byte[] bytes, String file) {
        if (bytes.length == 0) {
            throw new MalformedImportException(file, 1, "the file is empty");
        }
        List<String> lines = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        for (int lineNumber = 1; start <= bytes.length; lineNumber++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            String line;
            try {
                CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start));
                line = chars.toString();
            } catch (CharacterCodingException e) {
                throw new MalformedImportException(file, lineNumber, "invalid UTF-8");
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
                    throw new MalformedImportException(file, lineNumber, "binary data (control character U+%04X)".formatted((int) c));
                }
            }
            lines.add(line);
            if (end == bytes.length) {
                break;
            }
            start = end + 1;
        }
        return lines;
    }

    private static Chrome chromeMarker(String line) {
        String loose = loose(line);
        return switch (loose) {
            case "العلامات", "الوسوم", "الكلمات المفتاحية" -> Chrome.TAGS;
            case "قد تحب ايضا", "قد يعجبك ايضا", "مقالات ذات صلة", "اخبار ذات صلة" -> Chrome.RELATED;
            case "منشورات شائعة", "الاكثر قراءة", "الاكثر مشاهدة" -> Chrome.POPULAR;
            case "النشرة الاخبارية", "النشرة البريدية" -> Chrome.NEWSLETTER;
            default -> loose.startsWith("اشترك في قائمتنا البريدية") ? Chrome.NEWSLETTER : null;
        };
    }

    /** "إعداد وتحرير: أحمد قطمة": every word before the colon must be a role word. */
    private static List<Contributor> byline(String line) {
        Matcher m = BYLINE.matcher(line);
        if (!m.matches()) {
            return List.of();
        }
        Set<ContributorRole> roles = EnumSet.noneOf(ContributorRole.class);
        for (String word : m.group(1).split("[\\s،,/]+")) {
            if (word.isEmpty()) {
                continue;
            }
            var role = ContributorRole.fromArabic(word)
                    .or(() -> word.startsWith("و") ? ContributorRole.fromArabic(word.substring(1)) : java.util.Optional.empty());
            if (role.isEmpty()) {
                return List.of();
            }
            roles.add(role.get());
        }
        if (roles.isEmpty()) {
            return List.of();
        }
        List<ContributorRole> ordered = new ArrayList<>(roles);
        return splitNames(m.group(2), "[،,]").stream().map(name -> new Contributor(name, ordered)).toList();
    }

    private static boolean isSubheading(String line) {
        char last = line.charAt(line.length() - 1);
        return line.length() <= MAX_SUBHEADING_LENGTH
                && line.split(" ").length <= MAX_SUBHEADING_WORDS
                && FINAL_PUNCTUATION.indexOf(last) < 0;
    }

    private static List<String> splitNames(String line, String separators) {
        List<String> names = new ArrayList<>();
        for (String part : line.split(separators)) {
            String name = part.strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** For matching fixed phrases: no diacritics or tatweel, one alef. */
    static String loose(String text) {
        return text.replaceAll("[\\u064B-\\u065F\\u0670\\u0640]", "")
                .replaceAll("[أإآٱ]", "ا")
                .strip();
    }
}

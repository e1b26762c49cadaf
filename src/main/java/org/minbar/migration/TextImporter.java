package org.minbar.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Entities;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ReadAlso;
import org.minbar.system.CommandFailedException;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports an article in the seed's text format, in one transaction: all of it or nothing. */
@Service
class TextImporter {

    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;

    private final PublishedArticles articles;
    private final ArticleEditing editing;
    private final ArticleImport imports;
    private final TaxonomyService taxonomy;

    TextImporter(PublishedArticles articles, ArticleEditing editing, ArticleImport imports, TaxonomyService taxonomy) {
        this.articles = articles;
        this.editing = editing;
        this.imports = imports;
        this.taxonomy = taxonomy;
    }

    record Imported(long id, ParsedArticle parsed, String path) {
    }

    static byte[] read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new CommandFailedException(file + ": no such file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CommandFailedException(file + ":1: the file is larger than " + MAX_FILE_BYTES / 1024 / 1024 + " MB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandFailedException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Transactional
    Imported importText(byte[] bytes, String fileName, String sectionSlug, OffsetDateTime publishedAt, List<String> extraTags) {
        return importText(bytes, fileName, sectionSlug, publishedAt, extraTags, null, null);
    }

    /** As above, with a lead image (a media library address and its alt text), as the demo gives the seed article. */
    @Transactional
    Imported importText(byte[] bytes, String fileName, String sectionSlug, OffsetDateTime publishedAt, List<String> extraTags,
            String leadImageUrl, String leadImageAlt) {
        ParsedArticle parsed = TextArticleParser.parse(bytes, fileName);
        Long sectionId = null;
        if (sectionSlug != null) {
            sectionId = taxonomy.sectionBySlug(sectionSlug)
                    .orElseThrow(() -> new CommandFailedException("unknown section '" + sectionSlug + "'"))
                    .id();
        }
        parsed.sectionNames().forEach(taxonomy::ensureSection);
        Set<String> tagNames = new LinkedHashSet<>(parsed.tags());
        tagNames.addAll(extraTags);
        List<Long> tagIds = tagNames.stream().map(name -> taxonomy.ensureTag(name).id()).toList();
        ArticleDraft draft = new ArticleDraft(parsed.title(), bodyHtml(parsed), null, ArticleStatus.PUBLISHED,
                parsed.sourceLabel(), sectionId, tagIds, parsed.contributors(), leadImageUrl, leadImageAlt, publishedAt);
        long id = imports.create(draft);
        return new Imported(id, parsed, editing.find(id).orElseThrow().path());
    }

    private String bodyHtml(ParsedArticle parsed) {
        List<String> html = new ArrayList<>();
        for (ParsedArticle.Block block : parsed.body()) {
            if (block instanceof ParsedArticle.Paragraph p) {
                html.add("<p>" + Entities.escape(p.text()) + "</p>");
            } else if (block instanceof ParsedArticle.Subheading h) {
                html.add("<h2>" + Entities.escape(h.text()) + "</h2>");
            } else if (block instanceof ParsedArticle.ReadAlsoPromo r) {
                html.add(articles.publishedIdWithTitle(r.title())
                        .map(id -> ReadAlso.linked(id, r.title()))
                        .orElseGet(() -> ReadAlso.unresolved(r.title())));
            }
        }
        return String.join("\n", html);
    }
}

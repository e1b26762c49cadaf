#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of the corpus's articles, for bench/pages.sh.

Usage: corpus-wxr.py CORPUS.jsonl OUT.xml [LIMIT]

Each corpus category becomes a WordPress category (slug = the corpus's English name, name =
Arabic); articles get dates a few hours apart ending now, paragraphs from the body's lines, and a
stable post id and guid, so that importing twice updates instead of duplicating.
"""
import datetime
import json
import sys
from xml.sax.saxutils import escape

NAMES = {"culture": "ثقافة", "diverse": "متفرقات", "economy": "اقتصاد", "internationalNews": "دولية",
         "localNews": "وطنية", "politic": "سياسة", "society": "مجتمع", "sport": "رياضة", "technology": "تكنولوجيا"}


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    corpus, out_path = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    with open(corpus, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    articles = articles[:limit] if limit else articles
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    categories = sorted({a.get("category") or "diverse" for a in articles})
    with open(out_path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n'
                  '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
                  ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
                  ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>corpus</title>'
                  '<link>https://corpus.example.com</link><wp:wxr_version>1.2</wp:wxr_version>'
                  '<wp:base_site_url>https://corpus.example.com</wp:base_site_url>\n'
                  '<wp:author><wp:author_login>corpus</wp:author_login>'
                  '<wp:author_display_name>' + cdata("أرشيف الأخبار") + '</wp:author_display_name></wp:author>\n')
        for i, slug in enumerate(categories, start=1):
            out.write(f'<wp:category><wp:term_id>{i}</wp:term_id><wp:category_nicename>{escape(slug)}</wp:category_nicename>'
                      f'<wp:category_parent></wp:category_parent><wp:cat_name>{cdata(NAMES.get(slug, slug))}</wp:cat_name>'
                      '</wp:category>\n')
        for n, a in enumerate(articles):
            post_id = 100000 + n
            # Newest first in the file's order, three hours apart: the corpus spans about four years.
            date = now - datetime.timedelta(hours=3 * (n + 1))
            paragraphs = "\n\n".join(line.strip() for line in a["body"].split("\n") if line.strip())
            slug = a.get("category") or "diverse"
            out.write("<item>"
                      f"<title>{escape(a['title'])}</title>"
                      f"<link>https://corpus.example.com/?p={post_id}</link>"
                      f'<guid isPermaLink="false">https://corpus.example.com/?p={post_id}</guid>'
                      f"<dc:creator>corpus</dc:creator>"
                      f"<content:encoded>{cdata(paragraphs)}</content:encoded>"
                      f"<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                      f"<wp:post_id>{post_id}</wp:post_id>"
                      f"<wp:post_date>{date.strftime('%Y-%m-%d %H:%M:%S')}</wp:post_date>"
                      f"<wp:post_date_gmt>{date.strftime('%Y-%m-%d %H:%M:%S')}</wp:post_date_gmt>"
                      f"<wp:post_name>corpus-{post_id}</wp:post_name>"
                      "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                      f'<category domain="category" nicename="{escape(slug)}">{cdata(NAMES.get(slug, slug))}</category>'
                      "</item>\n")
        out.write("</channel></rss>\n")
    print(f"{len(articles)} corpus articles in {len(categories)} sections written to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()

package org.minbar.newsroom.views;

/** A section or tag on the taxonomy page: its name, its reader page, and a note such as «(قسم مصوّر)». */
public record TaxonomyEntry(String name, String path, String note) {
}

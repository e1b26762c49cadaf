/** Sections (hierarchical, news or image-led) and tags. */
package org.minbar.taxonomy;

/** Distribution: RSS/Atom feeds, sitemaps, page metadata (JSON-LD) and the public JSON content API. */
package org.minbar.distribution;

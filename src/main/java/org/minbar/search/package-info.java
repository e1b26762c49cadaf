/** Arabic search: text analysis, the Lucene index kept current by article events, queries, snippets and suggestions. */
package org.minbar.search;

/**
 * Backups: {@code backup DIR} writes the database (every table's rows, portable between H2 and
 * PostgreSQL, from one snapshot), the media files and a manifest; {@code restore DIR} puts them into an
 * empty data directory and rebuilds the search index.
 */
package org.minbar.backup;

/** Importers (the seed's text format) and the demo content. */
package org.minbar.migration;

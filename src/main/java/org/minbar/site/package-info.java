/** The reader pages: home, article, section, tag, search and the Arabic error pages. */
package org.minbar.site;

/** Related articles and popular posts, with page views counted in memory and flushed in batches. */
package org.minbar.recommend;

/** The public read API (JSON) for articles. */
package org.minbar.distribution;

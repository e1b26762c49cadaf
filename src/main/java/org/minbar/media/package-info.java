/** The media library: image uploads checked from their bytes, stripped of metadata, stored with responsive variants under the data directory. */
package org.minbar.media;

/** Configuration, security headers, the data directory, settings and the command line of the jar. */
package org.minbar.system;

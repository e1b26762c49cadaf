/** Newsletter subscribers and the sign-up form. */
package org.minbar.newsletter;

/** Share cards (an article's 1200×630 image for social media, drawn from its title) and the site's logo. */
package org.minbar.cards;

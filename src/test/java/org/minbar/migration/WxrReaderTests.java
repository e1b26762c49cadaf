package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WxrReaderTests {

    static Path fixture(String name) {
        try {
            return Path.of(WxrReaderTests.class.getResource("/wxr/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheChannelBeforeTheItemsAndEveryItemWithItsParts() throws Exception {
        List<Object> seen = new ArrayList<>();
        WxrReader.read(fixture("site.xml"), new WxrReader.Listener() {
            @Override
            public void channel(WxrChannel channel) {
                seen.add(channel);
            }

            @Override
            public void item(WxrItem item) {
                seen.add(item);
            }
        });
        WxrChannel channel = (WxrChannel) seen.get(0);
        assertThat(channel.siteKey()).isEqualTo("https://old.example.com");
        assertThat(channel.authors()).extracting(WxrChannel.Author::displayName).containsExactly("أحمد قطمة", "سارة الحلبي");
        assertThat(channel.categories()).hasSize(4);
        assertThat(channel.categories().get(1).parent()).isEqualTo("%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1");
        List<WxrItem> items = seen.stream().skip(1).map(WxrItem.class::cast).toList();
        assertThat(items).extracting(WxrItem::postId).containsExactly(10L, 11L, 12L, 100L, 101L, 102L, 103L, 104L, 105L, 106L);
        WxrItem gutenberg = items.get(3);
        assertThat(gutenberg.title()).isEqualTo("اجتماع في دمشق حول مستقبل المدينة القديمة");
        assertThat(gutenberg.sticky()).isTrue();
        assertThat(gutenberg.comments()).isEqualTo(2);
        assertThat(gutenberg.meta("_thumbnail_id")).isEqualTo("10");
        assertThat(gutenberg.content()).contains("<!-- wp:paragraph -->");
        assertThat(gutenberg.terms()).extracting(WxrItem.Term::domain).containsExactly("category", "post_tag");
    }

    @Test
    void aMalformedFileIsReportedWithItsLineAndColumn() {
        assertThatThrownBy(() -> WxrReader.read(fixture("broken.xml"), item -> { }))
                .isInstanceOf(MalformedWxrException.class)
                .hasMessageContaining("broken.xml:15:")
                .hasMessageContaining("wp:status");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        List<WxrItem> items = new ArrayList<>();
        try {
            WxrReader.read(fixture("xxe.xml"), items::add);
        } catch (Exception refused) {
            assertThat(refused).isInstanceOf(MalformedWxrException.class);
        }
        assertThat(items).allSatisfy(item -> assertThat(item.title()).doesNotContain("root:"));
    }
}
